using ChatHistory.Engine;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Engine;

/// <summary>Stopping a read (Ctrl+C, Select-Object -First) ends it at once and stops the HTTP traffic.</summary>
public class CancellationTests
{
    // Far longer than any test may take: a read that ignores cancellation fails the WaitAsync guard instead.
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CancellingDuringASlowAnswerEndsTheReadWithNoFurtherRequests()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var room = RocketChatExpected.RoomWithAtLeast(host, 10);
        host.Faults.Add(new FaultRule { Kind = FaultKind.Latency, PathPrefix = MessagesPath(room.Id), Every = 2, Latency = Stuck });
        using var stop = new CancellationTokenSource();
        var received = new List<ChatMessage>();

        var reading = Task.Run(async () =>
        {
            await foreach (var message in connection.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = 3 }, stop.Token))
            {
                received.Add(message);
            }
        });
        await Until(() => MessageRequests(host, room.Id) == 2);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Guard));
        await Task.Delay(200);
        Assert.Equal(2, MessageRequests(host, room.Id));
        Assert.Equal(RocketChatExpected.VisibleMessageIds(host, room).Take(3), received.Select(m => m.MessageId));
    }

    [Fact]
    public async Task CancellingDuringARetryWaitEndsTheRead()
    {
        await using var host = await StartAsync();
        var policy = Connect.FastPolicy with { MaxDelay = TimeSpan.FromMinutes(2) };
        using var connection = await Connect.RocketChatAsync(host, policy);
        var room = RocketChatExpected.RoomWithAtLeast(host, 1);
        host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = MessagesPath(room.Id), RetryAfterSeconds = 30 });
        using var stop = new CancellationTokenSource();

        var reading = connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), stop.Token).ToListAsync();
        await Until(() => MessageRequests(host, room.Id) == 1);
        await Task.Delay(100);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Guard));
        Assert.Equal(1, MessageRequests(host, room.Id));
    }

    [Fact]
    public async Task CancellingTheFetcherStopsEverySessionsRead()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.Latency, PathPrefix = "/rocketchat/api/v1/livechat/", Latency = Stuck });
        var ids = RocketChatExpected.Rooms(host).Select(r => r.Id).ToList();
        using var stop = new CancellationTokenSource();

        var reading = new MessageFetcher(connection, 3).FetchAsync(ids.ToAsyncEnumerable(), _ => new ChatMessageQuery(), stop.Token).ToListAsync();
        await Until(() => host.Requests.Count("/rocketchat/api/v1/livechat/") == 3);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Guard));
        await Task.Delay(200);
        Assert.Equal(3, host.Requests.Count("/rocketchat/api/v1/livechat/"));
    }

    [Fact]
    public async Task FirstStopsReadingAfterThePageThatHoldsIt()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var room = RocketChatExpected.RoomWithAtLeast(host, 15);
        var expected = RocketChatExpected.VisibleMessageIds(host, room);

        var firstThree = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = 5 }, CancellationToken.None)
            .SkipFirstAsync(skip: 0, first: 3).ToListAsync();
        var afterFirstPage = MessageRequests(host, room.Id);
        var seventhAndEighth = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = 5 }, CancellationToken.None)
            .SkipFirstAsync(skip: 6, first: 2).ToListAsync();

        Assert.Equal(expected.Take(3), firstThree.Select(m => m.MessageId));
        Assert.Equal(1, afterFirstPage);
        Assert.Equal(expected.Skip(6).Take(2), seventhAndEighth.Select(m => m.MessageId));
        Assert.Equal(1 + 2, MessageRequests(host, room.Id));
    }

    [Fact]
    public async Task FirstOverTheFetcherStopsTheReadsRunningAhead()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Where(r => RocketChatExpected.VisibleMessages(host, r).Count >= 10).ToList();
        var allPages = rooms.Sum(r => (RocketChatExpected.VisibleMessages(host, r).Count + 1) / 2);

        var items = await new MessageFetcher(connection, 3)
            .FetchAsync(rooms.Select(r => r.Id).ToAsyncEnumerable(), _ => new ChatMessageQuery { PageSize = 2 }, CancellationToken.None)
            .SkipFirstAsync(skip: 0, first: 5)
            .ToListAsync();
        var whenDone = host.Requests.Count("/rocketchat/api/v1/livechat/");
        // A request already on the wire when the reads were cancelled may reach the server a little later: one per read at most.
        await Task.Delay(200);
        var settled = host.Requests.Count("/rocketchat/api/v1/livechat/");
        await Task.Delay(200);

        Assert.Equal(RocketChatExpected.VisibleMessageIds(host, rooms[0]).Take(5), items.Select(i => i.Message!.MessageId));
        Assert.InRange(settled, whenDone, whenDone + 3);
        Assert.Equal(settled, host.Requests.Count("/rocketchat/api/v1/livechat/"));
        Assert.True(settled < allPages, $"{settled} requests: the reads should have stopped long before all {allPages} pages");
    }

    [Fact]
    public async Task FirstZeroSendsNoRequest()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).SkipFirstAsync(0, 0).ToListAsync();

        Assert.Empty(sessions);
        Assert.Equal(0, RocketChatExpected.RequestsTo(host, "v1/livechat/rooms"));
    }

    [Fact]
    public async Task FirstOverSessionsReadsOnlyTheNeededPages()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 4 }, CancellationToken.None).SkipFirstAsync(2, 5).ToListAsync();

        Assert.Equal(RocketChatExpected.Rooms(host).Skip(2).Take(5).Select(r => r.Id), sessions.Select(s => s.SessionId));
        Assert.Equal(2, RocketChatExpected.RequestsTo(host, "v1/livechat/rooms"));
    }

    private static Task<SimulatorHost> StartAsync() =>
        Simulators.StartAsync(new RocketChatOptions { RoomCount = 10, MaxMessagesPerRoom = 40 });

    private static string MessagesPath(string roomId) => $"/rocketchat/api/v1/livechat/{roomId}/messages";

    private static int MessageRequests(SimulatorHost host, string roomId) => host.Requests.Count(MessagesPath(roomId));

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition was not met within 5 s");
    }
}
