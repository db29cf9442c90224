using ChatHistory.Providers.RocketChat;
using ChatHistory.Simulator;

namespace ChatHistory.Bench.Limits;

/// <summary>
/// The least time a server's limit allows for n requests, whatever the client does. With the
/// round trip, the bound is the larger of this and <see cref="LatencyFloor"/>.
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
    /// The listing's first answer comes before any other request can name a session; the other
    /// n-1 requests, at most <paramref name="concurrency"/> in flight, take ceil((n-1)/concurrency)
    /// more round trips.
    /// </summary>
    public static TimeSpan LatencyFloor(int requests, int concurrency, TimeSpan roundTrip) =>
        requests == 0 ? TimeSpan.Zero : roundTrip * (1 + Math.Ceiling((requests - 1) / (double)concurrency));
}
