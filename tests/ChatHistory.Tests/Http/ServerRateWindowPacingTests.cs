using System.Globalization;
using System.Net;
using ChatHistory.Http;

namespace ChatHistory.Tests.Http;

/// <summary>
/// What ServerRateWindows waits for, on a clock the test moves: Rocket.Chat's X-RateLimit-Reset is
/// a server-clock instant in epoch milliseconds (apps/meteor/app/api/server/api.ts sets it to the
/// time the route's window resets).
/// </summary>
public class ServerRateWindowPacingTests
{
    private const string Route = "api/v1/livechat/:id/messages";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ASpentWindowWaitsForItsResetPlusTheSmallMargin()
    {
        var clock = new SteppedClock(Start);
        var windows = new ServerRateWindows(_ => Route, clock);
        windows.Leave(await EnterAsync(windows), Answer(remaining: 0, reset: Start.AddSeconds(2)));

        await EnterAsync(windows);

        Assert.Equal([TimeSpan.FromSeconds(2) + ServerRateWindows.InitialResetMargin], clock.Waits);
    }

    [Fact]
    public async Task ACallThatFindsTheResetJustPastStillKeepsTheMargin()
    {
        // The answer that spent the window came late: the next call starts 1 ms after the announced
        // reset, which the server may not have reached yet (the header is its clock, in whole ms).
        var clock = new SteppedClock(Start);
        var windows = new ServerRateWindows(_ => Route, clock);
        windows.Leave(await EnterAsync(windows), Answer(remaining: 0, reset: Start.AddSeconds(2)));
        clock.Advance(TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(1));

        await EnterAsync(windows);

        Assert.Equal([ServerRateWindows.InitialResetMargin - TimeSpan.FromMilliseconds(1)], clock.Waits);
    }

    [Fact]
    public async Task ARefusalWidensTheMarginUpToItsMaximum()
    {
        var clock = new SteppedClock(Start);
        var windows = new ServerRateWindows(_ => Route, clock);
        Assert.Equal(TimeSpan.FromMilliseconds(5), windows.ResetMargin);

        var margins = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            windows.Leave(await EnterAsync(windows), new HttpResponseMessage(HttpStatusCode.TooManyRequests));
            margins.Add(windows.ResetMargin);
        }

        Assert.Equal([20, 80, 320, 500, 500], margins.Select(m => m.TotalMilliseconds));
    }

    [Fact]
    public async Task AnOlderAnswerOfTheSameWindowDoesNotGiveBackCalls()
    {
        // Two calls in flight; the second call's answer (0 left) arrives before the first's (1 left).
        var clock = new SteppedClock(Start);
        var windows = new ServerRateWindows(_ => Route, clock);
        var first = await EnterAsync(windows);
        var second = await EnterAsync(windows);
        windows.Leave(second, Answer(remaining: 0, reset: Start.AddSeconds(2)));
        windows.Leave(first, Answer(remaining: 1, reset: Start.AddSeconds(2)));

        await EnterAsync(windows);

        Assert.Single(clock.Waits);
    }

    [Fact]
    public async Task AnAnswerOfAnEarlierWindowIsIgnored()
    {
        var clock = new SteppedClock(Start);
        var windows = new ServerRateWindows(_ => Route, clock);
        var first = await EnterAsync(windows);
        var second = await EnterAsync(windows);
        windows.Leave(second, Answer(remaining: 0, reset: Start.AddSeconds(4)));
        windows.Leave(first, Answer(remaining: 9, reset: Start.AddSeconds(2)));

        await EnterAsync(windows);

        Assert.Equal([TimeSpan.FromSeconds(4) + ServerRateWindows.InitialResetMargin], clock.Waits);
    }

    private static ValueTask<string> EnterAsync(ServerRateWindows windows) =>
        windows.EnterAsync(new HttpRequestMessage(HttpMethod.Get, "https://chat.example.com/api/v1/livechat/R1/messages"), CancellationToken.None);

    private static HttpResponseMessage Answer(int remaining, DateTimeOffset reset)
    {
        var answer = new HttpResponseMessage(HttpStatusCode.OK);
        answer.Headers.Add("X-RateLimit-Limit", "10");
        answer.Headers.Add("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        answer.Headers.Add("X-RateLimit-Reset", reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return answer;
    }

    /// <summary>A clock that jumps ahead by each wait it is asked for and records it.</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public List<TimeSpan> Waits { get; } = [];

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Waits.Add(dueTime);
            now += dueTime;
            return System.CreateTimer(callback, state, TimeSpan.FromMilliseconds(1), period);
        }
    }
}
