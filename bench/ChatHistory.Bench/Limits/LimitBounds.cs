using ChatHistory.Providers.RocketChat;
using ChatHistory.Simulator;

namespace ChatHistory.Bench.Limits;

/// <summary>
/// The least time a server's limit allows for n requests, whatever the client does. With the
/// round trip, the bound is the larger of this and <see cref="ServerFloor"/>.
/// </summary>
public static class LimitBounds
{
    /// <summary>
    /// Rocket.Chat: each route has its own window of calls; n calls on one route span at least
    /// ceil(n/calls)-1 whole windows. The slowest route sets the bound.
    /// </summary>
    public static TimeSpan PerRouteWindows(SimulatorHost host, IReadOnlyList<string> paths, int calls, TimeSpan window) =>
        paths
            .GroupBy(path => RocketChatRoutes.Of(new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl, path))))
            .Select(route => window * (Math.Ceiling(route.Count() / (double)calls) - 1))
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();

    /// <summary>Kommo, as the simulator counts it: no more than perSecond in any second, so n requests span ceil(n/perSecond)-1 seconds.</summary>
    public static TimeSpan SlidingSecond(int requests, int perSecond) =>
        TimeSpan.FromSeconds(Math.Max(0, Math.Ceiling(requests / (double)perSecond) - 1));

    /// <summary>Bitrix24: the first bucketSize requests go at once, the rest at the leak rate.</summary>
    public static TimeSpan LeakyBucket(int requests, int bucketSize, double leakPerSecond) =>
        TimeSpan.FromSeconds(Math.Max(0, requests - bucketSize) / leakPerSecond);

    /// <summary>
    /// The least time the server's own answers allow: the listing's first answer comes before any
    /// other request can name a session, and after it the other answers, at most
    /// <paramref name="concurrency"/> at a time, take at least the longest of them and at least
    /// their sum spread over the lanes. The message reads also take at least their
    /// concurrency-th and next-longest answers together: of the concurrency + 1 longest, two share
    /// a lane, and a lane's requests follow one another. Each answer's time is the simulator's,
    /// from the request's arrival to the end of its answer: the injected latency plus the server's work.
    /// </summary>
    /// <param name="messageReads">The answers to message reads, which the module runs at most <paramref name="concurrency"/> at a time.</param>
    public static TimeSpan ServerFloor(IReadOnlyList<TimeSpan> answers, IReadOnlyList<TimeSpan> messageReads, int concurrency)
    {
        if (answers.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var others = answers.Skip(1).ToList();
        var spread = others.Aggregate(TimeSpan.Zero, (sum, took) => sum + took) / concurrency;
        var longest = others.DefaultIfEmpty(TimeSpan.Zero).Max();
        var longestFirst = messageReads.OrderDescending().ToList();
        var sharedLane = longestFirst.Count > concurrency ? longestFirst[concurrency - 1] + longestFirst[concurrency] : TimeSpan.Zero;
        return answers[0] + new[] { longest, spread, sharedLane }.Max();
    }
}
