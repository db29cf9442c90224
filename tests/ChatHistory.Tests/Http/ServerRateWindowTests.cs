using ChatHistory.Diagnostics;
using ChatHistory.Providers;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Http;

/// <summary>
/// Pacing by the windows Rocket.Chat announces per route (X-RateLimit-Limit/-Remaining/-Reset,
/// apps/meteor/app/api/server/api.ts), measured by what the simulator refused, not by the clock.
/// </summary>
public class ServerRateWindowTests
{
    [Fact]
    public async Task FollowingTheHeadersNeverBouncesOffTheLimit()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 4, MaxMessagesPerRoom = 40, RateLimitCalls = 3, RateLimitWindow = TimeSpan.FromMilliseconds(300) });
        var room = RocketChatExpected.RoomWithAtLeast(host, 12);
        using var connection = await Connect.RocketChatAsync(host, Connect.FastPolicy with { RequestsPerSecond = 0 });
        var log = new RecordingLog();

        List<string> ids;
        using (ChatLog.Use(log))
        {
            ids = (await connection.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = 2 }, CancellationToken.None).ToListAsync())
                .Select(m => m.MessageId).ToList();
        }

        Assert.Equal(RocketChatExpected.VisibleMessageIds(host, room), ids);
        Assert.True(RocketChatExpected.RequestsTo(host, $"v1/livechat/{room.Id}/messages") >= 6);
        Assert.Equal(0, host.State.RocketChat.RateWindows.Refused);
        Assert.Contains(log.Lines, l => l.Contains("for the server's rate window on api/v1/livechat/:id/messages to reset (limit 3)"));
    }

    [Fact]
    public async Task ListingGoesOnWhileTheMessagesWindowIsSpent()
    {
        // Two calls per route in 5 s: the message read spends its route's window after two pages
        // and waits; the listing is another route, with a window of its own.
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 4, MaxMessagesPerRoom = 40, RateLimitCalls = 2, RateLimitWindow = TimeSpan.FromSeconds(5) });
        var room = RocketChatExpected.RoomWithAtLeast(host, 6);
        using var connection = await Connect.RocketChatAsync(host, Connect.FastPolicy with { RequestsPerSecond = 0 });
        using var stop = new CancellationTokenSource();

        var reading = connection.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = 1 }, stop.Token).ToListAsync();
        for (var i = 0; i < 500 && RocketChatExpected.RequestsTo(host, $"v1/livechat/{room.Id}/messages") < 2; i++)
        {
            await Task.Delay(10);
        }

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 2 }, CancellationToken.None).Take(2).ToListAsync();

        Assert.Equal(2, sessions.Count);
        Assert.False(reading.IsCompleted);
        Assert.Equal(0, host.State.RocketChat.RateWindows.Refused);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Theory]
    [InlineData("https://chat.example.com/api/v1/livechat/ROOM1/messages?count=5", "api/v1/livechat/:id/messages")]
    [InlineData("https://chat.example.com/api/v1/livechat/ROOM2/messages", "api/v1/livechat/:id/messages")]
    [InlineData("https://chat.example.com/sub/api/v1/livechat/rooms?offset=50", "api/v1/livechat/rooms")]
    [InlineData("https://chat.example.com/api/v1/livechat/visitors.chatHistory/room/R1/visitor/V1", "api/v1/livechat/visitors.chatHistory/room/:id/visitor/:id")]
    [InlineData("https://chat.example.com/api/v1/me", "api/v1/me")]
    public void EveryRoomsMessagesShareOneRoute(string url, string route)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        Assert.Equal(route, RocketChatRoutes.Of(request));
    }
}
