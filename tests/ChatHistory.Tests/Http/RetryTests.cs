using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Http;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Http;

/// <summary>Retry and throttling against faults the simulator injects into the messages endpoint.</summary>
public class RetryTests
{
    private const int PageSize = 5;
    private const string LivechatPrefix = "/rocketchat/api/v1/livechat/";

    [Fact]
    public async Task TooManyRequestsWaitsTheRetryAfterSeconds()
    {
        await using var host = await StartAsync();
        var time = new RecordedWaits(skipWaits: true);
        var policy = Connect.FastPolicy with { MaxDelay = TimeSpan.FromMinutes(1), AttemptTimeout = TimeSpan.FromMinutes(1) };
        using var connection = await Connect.RocketChatAsync(host, policy, time: time);
        host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = LivechatPrefix, RetryAfterSeconds = 3, Times = 2 });
        var log = new RecordingLog();

        var read = await ReadAllAsync(host, connection, log);

        Assert.Equal(read.Expected, read.Ids);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], time.Waits);
        Assert.Equal(read.Pages + 2, read.Requests);
        Assert.Contains(log.Lines, l => l.Contains("-> 429") && l.Contains("Retry-After=3"));
        Assert.Contains(log.Lines, l => l.Contains("Retry 2 of 5 in 3.0 s: 429"));
    }

    [Fact]
    public async Task ServerRateLimitIsWaitedOutByItsResetHeader()
    {
        // Three calls per route a second. Another client of the same user (a second scheduled task)
        // spends the messages route's window first: this connection, which has not seen that window
        // yet, is refused once, and waits for the reset the 429 names rather than guessing.
        await using var host = await StartAsync(new RocketChatOptions { RoomCount = 6, MaxMessagesPerRoom = 40, RateLimitCalls = 3, RateLimitWindow = TimeSpan.FromSeconds(1) });
        var time = new RecordedWaits(skipWaits: false);
        var policy = Connect.FastPolicy with { MaxAttempts = 3, MaxDelay = TimeSpan.FromSeconds(2) };
        using var connection = await Connect.RocketChatAsync(host, policy, time: time);
        await SpendMessagesWindowAsync(host, calls: 3);
        var log = new RecordingLog();

        var read = await ReadAllAsync(host, connection, log, pageSize: 2);

        Assert.Equal(read.Expected, read.Ids);
        var throttled = log.Lines.Where(l => l.Contains("-> 429")).ToList();
        Assert.Single(throttled);
        Assert.Contains("X-RateLimit-Reset=", throttled[0]);
        Assert.DoesNotContain("Retry-After", throttled[0]);
        Assert.Equal(read.Pages + 1, read.Requests);
        var longest = TimeSpan.FromSeconds(1) + ServerRetryDelay.AbsoluteTimeMargin;
        Assert.All(time.Waits, w => Assert.True(w <= longest, $"waited {w}, longer than the window"));
    }

    [Fact]
    public async Task ServiceUnavailableIsRetried()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, PathPrefix = LivechatPrefix, Every = 2, Times = 2 });
        var log = new RecordingLog();

        var read = await ReadAllAsync(host, connection, log);

        Assert.Equal(read.Expected, read.Ids);
        Assert.Equal(2, host.Faults.Injected);
        Assert.Equal(read.Pages + 2, read.Requests);
        Assert.Equal(2, log.Lines.Count(l => l.Contains("-> 503")));
    }

    [Fact]
    public async Task DroppedConnectionIsRetried()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, PathPrefix = LivechatPrefix, Times = 2 });
        var log = new RecordingLog();

        var read = await ReadAllAsync(host, connection, log);

        Assert.Equal(read.Expected, read.Ids);
        Assert.Equal(2, host.Faults.Injected);
        Assert.Equal(read.Pages + 2, read.Requests);
        Assert.Contains(log.Lines, l => l.Contains("the connection failed"));
    }

    [Theory]
    [InlineData(FaultKind.DropMidBody)]
    [InlineData(FaultKind.StallMidBody)]
    public async Task AnswerCutOrStalledMidBodyIsRetried(FaultKind fault)
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host, Connect.FastPolicy with { AttemptTimeout = TimeSpan.FromMilliseconds(500) });
        host.Faults.Add(new FaultRule { Kind = fault, PathPrefix = LivechatPrefix, Times = 2 });
        var log = new RecordingLog();

        var read = await ReadAllAsync(host, connection, log);

        Assert.Equal(read.Expected, read.Ids);
        Assert.Equal(2, host.Faults.Injected);
        Assert.Equal(read.Pages + 2, read.Requests);
    }

    [Fact]
    public async Task HtmlErrorPageEndsAsAClearErrorAfterRetries()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.HtmlErrorPage, PathPrefix = LivechatPrefix });
        var room = RocketChatExpected.RoomWithAtLeast(host, 1);

        var (messages, error) = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        Assert.Empty(messages);
        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Contains(failure.Kind, new[] { ChatErrorKind.ProtocolError, ChatErrorKind.ServerError });
        Assert.Contains("502", failure.Message);
        Assert.Contains("HTML", failure.Message);
        Assert.Equal(room.Id, failure.SessionId);
        Assert.Null(failure.InnerException);
        Assert.Equal(Connect.FastPolicy.MaxAttempts, MessageRequests(host, room.Id));
    }

    [Fact]
    public async Task MalformedJsonIsAProtocolErrorWithoutRetry()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.MalformedJson, PathPrefix = LivechatPrefix });
        var room = RocketChatExpected.RoomWithAtLeast(host, 1);

        var (_, error) = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.ProtocolError, failure.Kind);
        Assert.Contains("malformed JSON", failure.Message);
        Assert.Equal(room.Id, failure.SessionId);
        Assert.Equal(1, MessageRequests(host, room.Id));
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable, 3, ChatErrorKind.ServerError, 503)]
    [InlineData(FaultKind.TooManyRequests, 4, ChatErrorKind.Throttled, 429)]
    public async Task RetriesStopAtMaxAttempts(FaultKind fault, int maxAttempts, ChatErrorKind kind, int status)
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host, Connect.FastPolicy with { MaxAttempts = maxAttempts });
        host.Faults.Add(new FaultRule { Kind = fault, PathPrefix = LivechatPrefix });
        var room = RocketChatExpected.RoomWithAtLeast(host, 1);

        var (_, error) = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(status, failure.StatusCode);
        Assert.Equal(maxAttempts, MessageRequests(host, room.Id));
        Assert.Equal(maxAttempts, host.Faults.Injected);
    }

    [Fact]
    public async Task SingleAttemptMeansNoRetry()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host, Connect.FastPolicy with { MaxAttempts = 1 });
        host.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, PathPrefix = LivechatPrefix });
        var room = RocketChatExpected.RoomWithAtLeast(host, 1);

        var (_, error) = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.ServerError, failure.Kind);
        Assert.Equal(1, MessageRequests(host, room.Id));
    }

    [Fact]
    public async Task DroppedConnectionsBeyondTheBudgetAreConnectionFailed()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host, Connect.FastPolicy with { MaxAttempts = 2 });
        host.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, PathPrefix = LivechatPrefix });
        var room = RocketChatExpected.RoomWithAtLeast(host, 1);

        var (_, error) = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.ConnectionFailed, failure.Kind);
        Assert.Equal(room.Id, failure.SessionId);
        Assert.Equal(2, MessageRequests(host, room.Id));
    }

    [Fact]
    public async Task PasswordLoginIsRetriedWithItsBody()
    {
        await using var host = await StartAsync();
        host.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, PathPrefix = "/rocketchat/api/v1/login", Times = 1 });
        host.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, PathPrefix = "/rocketchat/api/v1/login", Times = 1 });

        using var connection = await Connect.RocketChatWithPasswordAsync(host, host.State.RocketChat.Options.Password);

        Assert.Equal("admin", connection.Account);
        Assert.Equal(3, RocketChatExpected.RequestsTo(host, "v1/login"));
        Assert.Single(host.State.RocketChat.LoginTokens);
    }

    [Fact]
    public async Task SlowAnswerIsAbandonedAndRetried()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host, Connect.FastPolicy with { AttemptTimeout = TimeSpan.FromMilliseconds(200) });
        host.Faults.Add(new FaultRule { Kind = FaultKind.Latency, PathPrefix = LivechatPrefix, Latency = TimeSpan.FromSeconds(20), Times = 1 });
        var log = new RecordingLog();

        var read = await ReadAllAsync(host, connection, log);

        Assert.Equal(read.Expected, read.Ids);
        Assert.Equal(read.Pages + 1, read.Requests);
        Assert.Contains(log.Lines, l => l.Contains("the attempt timed out"));
    }

    [Fact]
    public async Task AnswerTooSlowEveryTimeIsConnectionFailed()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host, Connect.FastPolicy with { AttemptTimeout = TimeSpan.FromSeconds(1), MaxAttempts = 2 });
        host.Faults.Add(new FaultRule { Kind = FaultKind.Latency, PathPrefix = LivechatPrefix, Latency = TimeSpan.FromSeconds(20) });
        var room = RocketChatExpected.RoomWithAtLeast(host, 1);

        var (_, error) = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.ConnectionFailed, failure.Kind);
        Assert.Contains("in time", failure.Message);
        Assert.Equal(room.Id, failure.SessionId);
        Assert.Equal(2, MessageRequests(host, room.Id));
    }

    private static Task<SimulatorHost> StartAsync(RocketChatOptions? options = null) =>
        Simulators.StartAsync(options ?? new RocketChatOptions { RoomCount = 6, MaxMessagesPerRoom = 40 });

    /// <summary>Calls livechat/{rid}/messages directly, as another client of the same user would.</summary>
    private static async Task SpendMessagesWindowAsync(SimulatorHost host, int calls)
    {
        var options = host.State.RocketChat.Options;
        var room = RocketChatExpected.Rooms(host)[^1];
        using var other = new HttpClient();
        other.DefaultRequestHeaders.Add("X-User-Id", options.UserId);
        other.DefaultRequestHeaders.Add("X-Auth-Token", options.AuthToken);
        for (var i = 0; i < calls; i++)
        {
            using var response = await other.GetAsync(new Uri(new Uri(host.RocketChatUrl), $"api/v1/livechat/{room.Id}/messages?count=1"));
            response.EnsureSuccessStatusCode();
        }
    }

    private static int MessageRequests(SimulatorHost host, string roomId) =>
        RocketChatExpected.RequestsTo(host, $"v1/livechat/{roomId}/messages");

    /// <summary>Reads one room with enough messages for several pages, with the log recorded.</summary>
    private static async Task<RoomRead> ReadAllAsync(SimulatorHost host, ChatConnection connection, RecordingLog log, int pageSize = PageSize)
    {
        var room = RocketChatExpected.RoomWithAtLeast(host, 3 * pageSize);
        var expected = RocketChatExpected.VisibleMessageIds(host, room);
        List<string> ids;
        using (ChatLog.Use(log))
        {
            var messages = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = pageSize }, CancellationToken.None).ToListAsync();
            ids = messages.Select(m => m.MessageId).ToList();
        }

        var pages = (expected.Count + pageSize - 1) / pageSize;
        return new RoomRead(expected, ids, pages, MessageRequests(host, room.Id));
    }

    private sealed record RoomRead(IReadOnlyList<string> Expected, IReadOnlyList<string> Ids, int Pages, int Requests);
}
