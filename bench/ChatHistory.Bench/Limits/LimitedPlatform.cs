using ChatHistory.Connections;
using ChatHistory.Providers;
using ChatHistory.Simulator;

namespace ChatHistory.Bench.Limits;

/// <summary>
/// One platform of the limits mode: a simulator that enforces its documented limit, how the
/// module connects (its default policy) and lists, the naive loop, the server's count of refused
/// requests, the least time the limit allows for the requests a read made, and which request paths
/// are message reads (which the module runs at its concurrency; false for all where a path does not tell),
/// and, where there is one, the module's request plan done by a bare HttpClient.
/// </summary>
public sealed record LimitedPlatform(
    string Name,
    string PathPrefix,
    string Limit,
    SimulatorOptions Options,
    Func<SimulatorHost, ChatConnectionSettings> Settings,
    Func<SimulatorHost, ChatSessionQuery> Query,
    Func<SimulatorHost, CancellationToken, Task<int>> NaiveAsync,
    Func<SimulatorHost, int> Refused,
    Func<SimulatorHost, IReadOnlyList<string>, TimeSpan> LimitBound,
    Func<string, bool> IsMessageRead,
    BareRead? Bare = null);

/// <summary>A bare client's read: warm its connection (outside the clock), then read at a concurrency.</summary>
public sealed record BareRead(
    Func<SimulatorHost, HttpClient, CancellationToken, Task> WarmAsync,
    Func<SimulatorHost, HttpClient, int, CancellationToken, Task<(int Messages, TimeSpan Elapsed)>> ReadAsync);
