using ChatHistory.Diagnostics;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Http;

/// <summary>The client-side token bucket: measured by what reaches the server, not by the clock.</summary>
public class ClientRateLimitTests
{
    [Fact]
    public async Task RequestsBeyondTheBurstAreHeldBack()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 4, MaxMessagesPerRoom = 40 });
        var room = RocketChatExpected.RoomWithAtLeast(host, 12);
        // Burst 4: connecting uses two (me, info), two message pages go at once, the next token is 10 s away.
        using var limited = await Connect.RocketChatAsync(host, Connect.FastPolicy with { RequestsPerSecond = 0.1, Burst = 4 });
        using var stop = new CancellationTokenSource();

        var reading = limited.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = 2 }, stop.Token).ToListAsync();
        await Until(() => MessageRequests(host, room.Id) >= 2);
        await Task.Delay(300);

        Assert.Equal(2, MessageRequests(host, room.Id));
        Assert.False(reading.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(2, MessageRequests(host, room.Id));
    }

    [Fact]
    public async Task WithoutTheLimitTheSameReadGoesStraightThrough()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 4, MaxMessagesPerRoom = 40 });
        var room = RocketChatExpected.RoomWithAtLeast(host, 12);
        using var unlimited = await Connect.RocketChatAsync(host);

        var messages = await unlimited.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = 2 }, CancellationToken.None).ToListAsync();

        Assert.Equal(RocketChatExpected.VisibleMessageIds(host, room), messages.Select(m => m.MessageId));
        Assert.True(MessageRequests(host, room.Id) >= 6);
    }

    [Fact]
    public async Task TheWaitIsLogged()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 6, MaxMessagesPerRoom = 2 });
        var log = new RecordingLog();
        using (ChatLog.Use(log))
        {
            using var limited = await Connect.RocketChatAsync(host, Connect.FastPolicy with { RequestsPerSecond = 3, Burst = 1 });
            await limited.GetSessionsAsync(new ChatSessionQuery { PageSize = 2 }, CancellationToken.None).ToListAsync();
        }

        // Five requests (me, info, three pages) on one token every 333 ms: the four waits add up to
        // about 1.3 s less the round trips, so at least one passes the 250 ms the handler reports,
        // however the timer's ticks fall.
        Assert.Equal(3, RocketChatExpected.RequestsTo(host, "v1/livechat/rooms"));
        Assert.Contains(log.Lines, l => l.Contains("for the client-side rate limit (3/s, burst 1)"));
    }

    private static int MessageRequests(SimulatorHost host, string roomId) =>
        RocketChatExpected.RequestsTo(host, $"v1/livechat/{roomId}/messages");

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition was not met within 5 s");
    }
}
