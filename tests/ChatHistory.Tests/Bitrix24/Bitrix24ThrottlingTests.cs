using System.Globalization;
using System.Text.RegularExpressions;
using ChatHistory.Diagnostics;
using ChatHistory.Engine;
using ChatHistory.Http;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Simulator.Faults;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>Bitrix24 throttles in the body (no Retry-After): the RetryAdvisor reads it; the client-side limiter avoids it.</summary>
public class Bitrix24ThrottlingTests
{
    [Fact]
    public async Task OperationTimeLimitWaitsUntilTheResetTimeThenSucceeds()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);
        host.State.Bitrix24.LimitOperations(times: 2, resetIn: TimeSpan.FromMilliseconds(150));
        var log = new RecordingLog();

        List<ChatHistory.Model.ChatMessage> messages;
        using (ChatLog.Use(log))
        {
            messages = await Collect.ToListAsync(connection.GetMessagesAsync("500", new ChatMessageQuery(), CancellationToken.None));
        }

        Assert.Equal(host.State.Bitrix24.Data.ById[500].Messages.Count, messages.Count);
        Assert.Equal(2, host.State.Bitrix24.OperationLimitsSent);
        var retries = log.Lines.Where(line => line.Contains("OPERATION_TIME_LIMIT", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        // The wait is the server's reset time (about 0.15 s), not the 5 ms backoff of the test policy.
        Assert.All(retries, line => Assert.True(PlannedDelaySeconds(line) >= 0.05, line));
    }

    [Fact]
    public async Task TheServerTimeBudgetIsWaitedForBeforeItIsExceeded()
    {
        // Each call charges 100 s of server time; 480 s is the method's budget in the window
        // (dev.1c-bitrix.ru/rest_help/rest_sum/operating.php), here 1.5 s instead of 10 minutes.
        var options = new Bitrix24Options { OperatingSecondsPerCall = 100, OperatingWindow = TimeSpan.FromSeconds(1.5) };
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Bitrix24 = options });
        using var connection = await Connect.Bitrix24Async(host);
        var sessions = host.State.Bitrix24.Data.Sessions.Where(s => s.Messages.Count > 0).Take(8).ToList();
        var log = new RecordingLog();

        var read = 0;
        using (ChatLog.Use(log))
        {
            foreach (var session in sessions)
            {
                read += (await Collect.ToListAsync(connection.GetMessagesAsync(session.Id.ToString(CultureInfo.InvariantCulture), new ChatMessageQuery(), CancellationToken.None))).Count;
            }
        }

        Assert.Equal(sessions.Sum(s => s.Messages.Count), read);
        Assert.Equal(0, host.State.Bitrix24.Operating.Refused);
        Assert.Contains(log.Lines, line => line.Contains("of Bitrix24's 480 s of server time in 10 minutes: waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheServerTimeBudgetIsWaitedForWhenListingToo()
    {
        // The listing's answers are parsed as documents, not read in one pass like histories: their
        // time block must be learnt all the same.
        var options = new Bitrix24Options { OperatingSecondsPerCall = 100, OperatingWindow = TimeSpan.FromSeconds(1.5) };
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Bitrix24 = options });
        using var connection = await Connect.Bitrix24Async(host);
        var log = new RecordingLog();

        List<ChatSession> sessions;
        using (ChatLog.Use(log))
        {
            sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 5 }, CancellationToken.None).Take(40).ToListAsync();
        }

        Assert.Equal(40, sessions.Count);
        Assert.Equal(0, host.State.Bitrix24.Operating.Refused);
        Assert.Contains(log.Lines, line => line.Contains("imopenlines.v2.Session.list used", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryLimitExceededIsRetriedWithBackoff()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Bitrix24 = new Bitrix24Options { BucketSize = 3, LeakPerSecond = 20 } });
        using var connection = await Connect.Bitrix24Async(host);
        var log = new RecordingLog();

        List<ChatHistory.Model.ChatSession> sessions;
        using (ChatLog.Use(log))
        {
            sessions = await Collect.ToListAsync(connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 20 }, CancellationToken.None));
        }

        Assert.Equal(host.State.Bitrix24.Data.Sessions.Count, sessions.Count);
        Assert.True(host.State.Bitrix24.Bucket.Rejected > 0);
        Assert.Contains(log.Lines, line => line.Contains("QUERY_LIMIT_EXCEEDED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheClientSideLimiterKeepsUnderThePortalsBucket()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Bitrix24 = new Bitrix24Options { BucketSize = 5, LeakPerSecond = 20 } });
        // Half the portal's rate and a smaller burst: a margin for requests that bunch up on a busy machine.
        var policy = Connect.FastPolicy with { RequestsPerSecond = 10, Burst = 3 };
        using var connection = await Connect.Bitrix24Async(host, policy);

        // Eight requests in all; without the client-side limit the first six would overflow the bucket of five.
        var sessions = await Collect.ToListAsync(connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 20 }, CancellationToken.None));

        Assert.Equal(host.State.Bitrix24.Data.Sessions.Count, sessions.Count);
        Assert.Equal(0, host.State.Bitrix24.Bucket.Rejected);
    }

    [Fact]
    public async Task ThrottlingThatOutlastsTheRetriesIsAThrottledError()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);
        host.State.Bitrix24.LimitOperations(times: 100, resetIn: TimeSpan.FromMilliseconds(5));

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            Collect.ToListAsync(connection.GetMessagesAsync("500", new ChatMessageQuery(), CancellationToken.None)));

        Assert.Equal(ChatErrorKind.Throttled, error.Kind);
        Assert.Equal("500", error.SessionId);
        Assert.StartsWith("OPERATION_TIME_LIMIT", error.ProviderMessage);
        Assert.Contains("-RequestsPerSecond", error.Hint);
        Assert.Equal(Connect.FastPolicy.MaxAttempts, host.State.Bitrix24.OperationLimitsSent);
    }

    [Fact]
    public async Task AnHtmlErrorPageIsAProtocolErrorNotAJsonException()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.HtmlErrorPage, PathPrefix = "/bitrix24/rest/" });

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            Collect.ToListAsync(connection.GetMessagesAsync("500", new ChatMessageQuery(), CancellationToken.None)));

        Assert.Equal(ChatErrorKind.ProtocolError, error.Kind);
        Assert.Contains("HTML page", error.Message);
        Assert.Equal(502, error.StatusCode);
    }

    [Fact]
    public async Task AFailedBatchCallIsAnErrorForEachOfItsSessions()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.HtmlErrorPage, PathPrefix = "/bitrix24/rest/" });

        var items = await Collect.ToListAsync(new MessageFetcher(connection, 1)
            .FetchAsync(AsAsync("500", "501", "502"), _ => new ChatMessageQuery(), CancellationToken.None));

        Assert.Equal(new string?[] { "500", "501", "502" }, items.Select(i => i.Error?.SessionId));
        Assert.All(items, i => Assert.Equal(ChatErrorKind.ProtocolError, i.Error!.Kind));
    }

    [Fact]
    public void TheDefaultPolicyIsAStandardPortalsBucket()
    {
        var settings = new Bitrix24Settings { WebhookUrl = new ChatHistory.Security.Secret("https://example.bitrix24.com/rest/1/abcdefgh/") };

        Assert.Equal(2, settings.DefaultPolicy.RequestsPerSecond);
        Assert.Equal(50, settings.DefaultPolicy.Burst);
    }

    private static double PlannedDelaySeconds(string line) =>
        double.Parse(Regex.Match(line, @" in (\d+(?:\.\d+)?) s").Groups[1].Value, CultureInfo.InvariantCulture);

    private static async IAsyncEnumerable<string> AsAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            await Task.Yield();
            yield return id;
        }
    }
}
