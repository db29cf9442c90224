using ChatHistory.Diagnostics;
using ChatHistory.Engine;
using ChatHistory.Providers;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Engine;

/// <summary>
/// The nightly archive in small: every session, then every message of every session, through
/// throttling and dropped connections. Nothing may be lost, doubled or reordered.
/// </summary>
public class FullExportAcceptanceTests
{
    [Fact]
    public async Task EveryMessageOfEveryRoomArrivesOnceInOrderThroughFaults()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 60, MaxMessagesPerRoom = 120, Seed = 2026 });
        host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, Every = 7 });
        host.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Every = 11 });
        var log = new RecordingLog();
        List<string> sessionIds;
        List<MessageStreamItem> items;

        using (ChatLog.Use(log))
        {
            using var connection = await Connect.RocketChatAsync(host);
            var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 25 }, CancellationToken.None).ToListAsync();
            sessionIds = sessions.Select(s => s.SessionId).ToList();
            items = await new MessageFetcher(connection, concurrency: 4)
                .FetchAsync(sessionIds.ToAsyncEnumerable(), _ => new ChatMessageQuery { PageSize = 25 }, CancellationToken.None)
                .ToListAsync();
        }

        var rooms = RocketChatExpected.Rooms(host);
        Assert.Equal(rooms.Select(r => r.Id), sessionIds);
        Assert.All(items, i => Assert.Null(i.Error));
        var expected = rooms.SelectMany(r => RocketChatExpected.VisibleMessages(host, r).Select(m => (r.Id, m.Id))).ToList();
        var actual = items.Select(i => (i.Message!.SessionId, i.Message.MessageId)).ToList();
        Assert.True(expected.Count > 2000, $"only {expected.Count} messages: not enough for the test to mean much");
        Assert.Equal(expected, actual);

        Assert.True(host.Faults.Injected > 0);
        Assert.Contains(log.Lines, l => l.Contains("-> 429"));
        Assert.Contains(log.Lines, l => l.Contains("the connection failed"));
        var pages = rooms.Sum(r => (RocketChatExpected.VisibleMessages(host, r).Count + 24) / 25) + (rooms.Count + 24) / 25;
        Assert.True(pages > 100, $"only {pages} pages");
    }
}
