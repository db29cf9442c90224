using ChatHistory.Http;
using ChatHistory.Providers;
using ChatHistory.Providers.Kommo;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Http;

/// <summary>
/// Kommo's "not more than 7 requests per second" (https://developers.kommo.com/docs/limitations),
/// kept as the strictest server would count it: never more than the limit in any rolling window,
/// counted when a request reaches the server.
/// </summary>
public class RollingWindowLimiterTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void TheRequestBeyondTheLimitWaitsUntilTheEarliestHasLeftTheWindow()
    {
        var clock = new SteppedClock();
        using var limiter = new RollingWindowLimiter(3, Second, clock);

        var leases = Enumerable.Range(0, 3).Select(_ => limiter.AttemptAcquire()).ToList();
        Assert.All(leases, lease => Assert.True(lease.IsAcquired));
        Assert.False(limiter.AttemptAcquire().IsAcquired);

        // Answered 100 ms after they were sent: the server counted them by then at the latest.
        clock.Advance(TimeSpan.FromMilliseconds(100));
        leases.ForEach(lease => lease.Dispose());
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void AnUnansweredRequestKeepsItsPlace()
    {
        var clock = new SteppedClock();
        using var limiter = new RollingWindowLimiter(1, Second, clock);
        var slow = limiter.AttemptAcquire();

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        slow.Dispose();
        clock.Advance(Second);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task AWaitingRequestLeavesOnceAPlaceIsFree()
    {
        using var limiter = new RollingWindowLimiter(2, TimeSpan.FromMilliseconds(200), TimeProvider.System);
        var first = limiter.AttemptAcquire();
        var second = limiter.AttemptAcquire();

        var third = limiter.AcquireAsync().AsTask();
        Assert.False(third.IsCompleted);
        first.Dispose();
        second.Dispose();

        using var lease = await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(lease.IsAcquired);
    }

    /// <summary>A request made on a guess asks with AttemptAcquire; it must not take the place of one already waiting.</summary>
    [Fact]
    public async Task AnAttemptNeverTakesThePlaceOfARequestWaitingForOne()
    {
        var clock = new SteppedClock();
        using var limiter = new RollingWindowLimiter(1, TimeSpan.FromHours(1), clock);
        limiter.AttemptAcquire().Dispose();
        using var stop = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(1, stop.Token).AsTask();
        Assert.False(waiting.IsCompleted);

        // By the clock the place is free again, but the waiting request has not been woken to take it yet.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(limiter.AttemptAcquire().IsAcquired);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task AWaitCanBeCancelled()
    {
        using var limiter = new RollingWindowLimiter(1, TimeSpan.FromHours(1), TimeProvider.System);
        using var held = limiter.AttemptAcquire();
        using var stop = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(1, stop.Token).AsTask();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task KommosDefaultPaceIsNeverRefusedByAServerCountingAnyRollingSecond()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Kommo = new KommoOptions { RequestsPerSecond = 7 } });
        var policy = new KommoSettings { ScopeId = "x", ChannelSecret = new Secret("x") }.DefaultPolicy;
        using var connection = await Connect.KommoAsync(host, policy, withAccount: false);
        var conversations = host.State.Kommo.Data.Conversations.Take(12).Select(c => c.Id).ToList();

        var reads = conversations.Select(id => connection.GetMessagesAsync(id, new ChatMessageQuery { PageSize = 10 }, CancellationToken.None).ToListAsync());
        await Task.WhenAll(reads);

        Assert.True(host.State.Kommo.RateLimit.Accepted >= 25, $"only {host.State.Kommo.RateLimit.Accepted} requests: too few to fill a second");
        Assert.Equal(0, host.State.Kommo.RateLimit.Refused);
    }

    /// <summary>A clock whose timestamps move only when the test says so.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public override long GetTimestamp() => now.UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by) => now += by;
    }
}
