using ChatHistory.Diagnostics;
using ChatHistory.Http;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.SuperOffice;

public class SuperOfficeResilienceTests
{
    private const string Tenant = "/superoffice/Cust12345/api/v1/";

    [Fact]
    public async Task TooManyRequestsIsRetriedAsTheServerAsks()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.SuperOfficeAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = Tenant + "ChatSession", Times = 2, RetryAfterSeconds = 0 });
        var log = new RecordingLog();

        List<Model.ChatSession> sessions;
        using (ChatLog.Use(log))
        {
            sessions = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync();
        }

        Assert.Equal(45, sessions.Count);
        Assert.Equal(2, host.Faults.Injected);
        // Retry-After: 0 was honoured instead of the client's own backoff.
        Assert.Equal(2, log.Lines.Count(l => l.Contains("in 0.0 s: 429")));
        Assert.Contains(log.Lines, l => l.Contains("-> 429") && l.Contains("Retry-After=0"));
    }

    [Fact]
    public async Task ServiceUnavailableIsRetriedForMessages()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.SuperOfficeAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, PathPrefix = Tenant + "ChatSession/1001/Messages", Times = 3 });

        var messages = await connection.GetMessagesAsync("1001", new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(host.State.SuperOffice.Data.Find(1001)!.Messages.Count, messages.Count);
        Assert.Equal(3, host.Faults.Injected);
    }

    [Fact]
    public async Task ALongRetryAfterIsCappedByThePolicy()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.SuperOfficeAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = Tenant + "ChatSession/1002", Times = 1, RetryAfterSeconds = 30 });
        var log = new RecordingLog();

        using (ChatLog.Use(log))
        {
            await connection.GetMessagesAsync("1002", new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        }

        // FastPolicy's MaxDelay is 200 ms.
        Assert.Contains(log.Lines, l => l.Contains("Retry 1 of 5 in 0.2 s: 429"));
    }

    [Fact]
    public async Task ThrottlingThatNeverEndsIsAThrottledErrorForTheSession()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.SuperOfficeAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = Tenant + "ChatSession/1003" });

        var error = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetMessagesAsync("1003", new ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.Throttled, error.Kind);
        Assert.Equal("1003", error.SessionId);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("-RequestsPerSecond", error.Hint);
        Assert.Equal(Connect.FastPolicy.MaxAttempts, host.Faults.Injected);
    }

    [Fact]
    public async Task TheClientSideLimiterHoldsRequestsBack()
    {
        await using var host = await SimulatorHost.StartAsync();
        // One token every two seconds: connecting takes it, so the listing has to wait in the limiter.
        var policy = Connect.FastPolicy with { RequestsPerSecond = 0.5, Burst = 1 };
        using var connection = await Connect.SuperOfficeAsync(host, policy: policy);
        host.State.SuperOffice.SeenRequests.Clear();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => connection.GetSessionsAsync(new ChatSessionQuery(), giveUp.Token).ToListAsync());

        Assert.Empty(host.State.SuperOffice.SeenRequests);
    }

    [Fact]
    public async Task AMalformedAnswerIsAProtocolError()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.SuperOfficeAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.MalformedJson, PathPrefix = Tenant + "ChatSession/1004/Messages" });

        var error = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetMessagesAsync("1004", new ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.ProtocolError, error.Kind);
        Assert.Equal("1004", error.SessionId);
    }
}
