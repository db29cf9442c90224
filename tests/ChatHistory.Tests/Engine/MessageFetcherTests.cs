using ChatHistory.Engine;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Engine;

/// <summary>Reading many sessions' messages at once: order kept, one failure is one error item.</summary>
public class MessageFetcherTests
{
    private const string Unknown = "NoSuchRoom0000001";

    [Fact]
    public async Task SeveralAtOnceKeepTheInputOrder()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Where(r => RocketChatExpected.VisibleMessages(host, r).Count >= 4).Take(8).Reverse().ToList();
        // The first session answers slowly, so the others finish before it.
        host.Faults.Add(new FaultRule { Kind = FaultKind.Latency, PathPrefix = MessagesPath(rooms[0].Id), Latency = TimeSpan.FromMilliseconds(150), Times = 2 });

        var items = await new MessageFetcher(connection, concurrency: 4)
            .FetchAsync(rooms.Select(r => r.Id).ToAsyncEnumerable(), _ => new ChatMessageQuery { PageSize = 3 }, CancellationToken.None)
            .ToListAsync();

        Assert.All(items, i => Assert.Null(i.Error));
        Assert.Equal(rooms.SelectMany(r => RocketChatExpected.VisibleMessageIds(host, r)), items.Select(i => i.Message!.MessageId));
        var log = host.Requests.Entries.ToList();
        var lastOfFirst = log.FindLastIndex(e => e.Contains(rooms[0].Id));
        Assert.True(log.FindIndex(e => e.Contains(rooms[1].Id)) < lastOfFirst, "the second session should be read while the first is still going");
    }

    [Fact]
    public async Task ASlowSessionLeavesTheOtherLanesWorking()
    {
        // Two lanes. The first session answers slowly; the second is read at once beside it. Its
        // lane must serve the third and fourth sessions while the first is still being read, even
        // though their messages can only be emitted after the first session's.
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Where(r => RocketChatExpected.VisibleMessages(host, r).Count >= 1).Take(4).ToList();
        host.Faults.Add(new FaultRule { Kind = FaultKind.Latency, PathPrefix = MessagesPath(rooms[0].Id), Latency = TimeSpan.FromSeconds(1) });

        var items = await new MessageFetcher(connection, concurrency: 2)
            .FetchAsync(rooms.Select(r => r.Id).ToAsyncEnumerable(), _ => new ChatMessageQuery(), CancellationToken.None)
            .ToListAsync();

        Assert.Equal(rooms.SelectMany(r => RocketChatExpected.VisibleMessageIds(host, r)), items.Select(i => i.Message!.MessageId));
        var answered = host.Requests.Answers.Select(a => a.Path).ToList();
        var firstAnswered = answered.FindIndex(path => path.StartsWith(MessagesPath(rooms[0].Id), StringComparison.Ordinal));
        foreach (var later in rooms.Skip(2))
        {
            Assert.True(
                answered.FindIndex(path => path.StartsWith(MessagesPath(later.Id), StringComparison.Ordinal)) < firstAnswered,
                "a lane waited for the slow session's messages to be emitted before reading the next session");
        }
    }

    [Fact]
    public async Task AConsumerThatStopsPullingHoldsAtMostTwiceTheBoundOfSessionsRead()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Where(r => RocketChatExpected.VisibleMessages(host, r).Count >= 2).Take(10).ToList();

        await using var items = new MessageFetcher(connection, concurrency: 2)
            .FetchAsync(rooms.Select(r => r.Id).ToAsyncEnumerable(), _ => new ChatMessageQuery(), CancellationToken.None)
            .GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        // The consumer stops here. The reads it allows start (20 s at most), and no more follow.
        int Read() => rooms.Count(room => host.Requests.Entries.Any(entry => entry.Contains(MessagesPath(room.Id), StringComparison.Ordinal)));
        for (var i = 0; i < 200 && Read() < 4; i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500);
        Assert.Equal(4, Read());
    }

    [Fact]
    public async Task TheFirstSessionStreamsBeforeTheBoundIsFilled()
    {
        // One session is listed, and the listing's next page is slow to come: with a bound of 16,
        // the first session's messages must not wait for fifteen more sessions.
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var room = RocketChatExpected.RoomWithAtLeast(host, 3);
        var nextPage = new TaskCompletionSource();

        await using var items = new MessageFetcher(connection, concurrency: 16)
            .FetchAsync(ListingThatStalls(room.Id, nextPage.Task), _ => new ChatMessageQuery { PageSize = 2 }, CancellationToken.None)
            .GetAsyncEnumerator();
        var first = items.MoveNextAsync().AsTask();
        var arrived = await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(20))) == first;
        nextPage.SetResult();

        Assert.True(arrived, "the first message waited for more sessions to be listed");
        Assert.Equal(RocketChatExpected.VisibleMessageIds(host, room)[0], items.Current.Message!.MessageId);
    }

    private static async IAsyncEnumerable<string> ListingThatStalls(string first, Task nextPage)
    {
        yield return first;
        await nextPage;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task FailingSessionIsOneErrorItemAndTheOthersArrive(int concurrency)
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Take(3).ToList();
        string[] ids = [rooms[0].Id, Unknown, rooms[1].Id, rooms[2].Id];

        var items = await new MessageFetcher(connection, concurrency)
            .FetchAsync(ids.ToAsyncEnumerable(), _ => new ChatMessageQuery { PageSize = 5 }, CancellationToken.None)
            .ToListAsync();

        var error = Assert.Single(items, i => i.Error is not null).Error!;
        Assert.Equal(Unknown, error.SessionId);
        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal(400, error.StatusCode);
        var expected = RocketChatExpected.VisibleMessageIds(host, rooms[0]).Append("error:" + Unknown)
            .Concat(RocketChatExpected.VisibleMessageIds(host, rooms[1]))
            .Concat(RocketChatExpected.VisibleMessageIds(host, rooms[2]));
        Assert.Equal(expected, items.Select(i => i.Message?.MessageId ?? "error:" + i.Error!.SessionId));
    }

    [Fact]
    public async Task SessionFailingMidwayKeepsItsFirstPageThenItsError()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Where(r => RocketChatExpected.VisibleMessages(host, r).Count > 5).Take(3).ToList();
        host.Faults.Add(new FaultRule { Kind = FaultKind.MalformedJson, PathPrefix = MessagesPath(rooms[1].Id), Every = 2, Times = 1 });

        var items = await new MessageFetcher(connection, concurrency: 2)
            .FetchAsync(rooms.Select(r => r.Id).ToAsyncEnumerable(), _ => new ChatMessageQuery { PageSize = 5 }, CancellationToken.None)
            .ToListAsync();

        var expected = RocketChatExpected.VisibleMessageIds(host, rooms[0])
            .Concat(RocketChatExpected.VisibleMessageIds(host, rooms[1]).Take(5)).Append("error:" + rooms[1].Id)
            .Concat(RocketChatExpected.VisibleMessageIds(host, rooms[2]));
        Assert.Equal(expected, items.Select(i => i.Message?.MessageId ?? "error:" + i.Error!.SessionId));
        Assert.Equal(ChatErrorKind.ProtocolError, items.Single(i => i.Error is not null).Error!.Kind);
    }

    [Fact]
    public async Task EachSessionResumesFromItsOwnCursor()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Where(r => RocketChatExpected.VisibleMessages(host, r).Count > 4).Take(2).ToList();
        var cursors = rooms.ToDictionary(r => r.Id, r => RocketChatExpected.VisibleMessageIds(host, r)[1]);

        var items = await new MessageFetcher(connection, concurrency: 2)
            .FetchAsync(rooms.Select(r => r.Id).ToAsyncEnumerable(), id => new ChatMessageQuery { After = cursors[id], PageSize = 3 }, CancellationToken.None)
            .ToListAsync();

        Assert.Equal(rooms.SelectMany(r => RocketChatExpected.VisibleMessageIds(host, r).Skip(2)), items.Select(i => i.Message!.MessageId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task EachSessionIsReportedCompleteAfterItsLastItemAndBeforeTheNext(int concurrency)
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Take(4).ToList();
        string[] ids = [rooms[0].Id, Unknown, rooms[1].Id, rooms[2].Id, rooms[3].Id];
        var seen = new List<string>();
        var fetcher = new MessageFetcher(connection, concurrency) { SessionCompleted = id => seen.Add("done:" + id) };

        await foreach (var item in fetcher.FetchAsync(ids.ToAsyncEnumerable(), _ => new ChatMessageQuery { PageSize = 5 }, CancellationToken.None))
        {
            seen.Add(item.Message?.SessionId ?? "error:" + item.Error!.SessionId);
        }

        var expected = ids.SelectMany(id => id == Unknown
            ? ["error:" + id, "done:" + id]
            : Enumerable.Repeat(id, RocketChatExpected.VisibleMessageIds(host, rooms.Single(r => r.Id == id)).Count()).Append("done:" + id));
        Assert.Equal(expected, seen);
    }

    private static Task<SimulatorHost> StartAsync() =>
        Simulators.StartAsync(new RocketChatOptions { RoomCount = 12, MaxMessagesPerRoom = 30 });

    private static string MessagesPath(string roomId) => $"/rocketchat/api/v1/livechat/{roomId}/messages";
}
