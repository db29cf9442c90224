using System.Diagnostics;
using ChatHistory.Connections;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;

namespace ChatHistory.Bench.Limits;

/// <summary>One timed read against a fresh simulator: what it got, how long it took, and what the server saw.</summary>
/// <param name="ServerAnswer">The median time the simulator took per answer of the read, its latency included.</param>
/// <param name="FirstMessageSession">From the start to when the listing handed on the first message's session (module reads only).</param>
/// <param name="Jit">What the JIT compiled in the whole process (client and simulator) while the read ran (module and bare reads only).</param>
public sealed record LimitedReading(
    int Messages,
    TimeSpan Elapsed,
    int Requests,
    int Refused,
    TimeSpan Bound,
    TimeSpan ServerAnswer,
    TimeSpan? FirstMessage,
    TimeSpan? FirstMessageSession = null,
    JitWork? Jit = null);

/// <summary>
/// Runs one read of a platform, module or naive, against its own simulator (same seed, so the
/// same data) so that no read inherits a window or bucket another read spent.
/// </summary>
public static class LimitedRead
{
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    /// <summary>Connecting costs a request or two; waiting this long lets them leave every window before the clock starts.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.1);

    public static async Task<LimitedReading> ModuleAsync(LimitedPlatform platform, int concurrency, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync(platform, cancellationToken);
        using var connection = await ChatConnection.OpenAsync("bench", platform.Settings(host), cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        var refusedBefore = Reset(host, platform);
        var jit = JitWork.Now();
        var result = await ModuleRead.RunAsync(connection, platform.Query(host), concurrency, cancellationToken);
        return Reading(host, platform, result.Messages, result.Elapsed, refusedBefore, concurrency, result.FirstMessage)
            with { FirstMessageSession = result.FirstMessageSession, Jit = JitWork.Now().Since(jit) };
    }

    public static async Task<LimitedReading> BareAsync(LimitedPlatform platform, BareRead bare, int concurrency, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync(platform, cancellationToken);
        using var client = new HttpClient();
        await bare.WarmAsync(host, client, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        var refusedBefore = Reset(host, platform);
        var jit = JitWork.Now();
        var (messages, elapsed) = await bare.ReadAsync(host, client, concurrency, cancellationToken);
        return Reading(host, platform, messages, elapsed, refusedBefore, concurrency, firstMessage: null) with { Jit = JitWork.Now().Since(jit) };
    }

    public static async Task<LimitedReading> NaiveAsync(LimitedPlatform platform, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync(platform, cancellationToken);
        var refusedBefore = Reset(host, platform);
        var started = Stopwatch.GetTimestamp();
        var messages = await platform.NaiveAsync(host, cancellationToken);
        return Reading(host, platform, messages, Stopwatch.GetElapsedTime(started), refusedBefore, concurrency: 1, firstMessage: null);
    }

    private static async Task<SimulatorHost> StartAsync(LimitedPlatform platform, CancellationToken cancellationToken)
    {
        var host = await SimulatorHost.StartAsync(platform.Options, cancellationToken);
        host.Faults.Add(new FaultRule { Kind = FaultKind.Latency, PathPrefix = "/", Latency = Latency });
        return host;
    }

    /// <summary>
    /// Clears the request log and collects the garbage left by starting the simulator (it builds
    /// every platform's data, and Bitrix24's history answers in full), so that no read's clock
    /// runs while that is collected.
    /// </summary>
    private static int Reset(SimulatorHost host, LimitedPlatform platform)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        host.Requests.Clear();
        return platform.Refused(host);
    }

    private static LimitedReading Reading(
        SimulatorHost host, LimitedPlatform platform, int messages, TimeSpan elapsed, int refusedBefore, int concurrency, TimeSpan? firstMessage)
    {
        var paths = host.Requests.Entries
            .Select(entry => entry[(entry.IndexOf(' ') + 1)..])
            .Where(path => path.StartsWith(platform.PathPrefix, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var answered = host.Requests.Answers
            .Where(answer => answer.Path.StartsWith(platform.PathPrefix, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var answers = answered.Select(answer => answer.Took).ToList();
        var messageReads = answered.Where(answer => platform.IsMessageRead(answer.Path)).Select(answer => answer.Took).ToList();
        var limit = platform.LimitBound(host, paths);
        var floor = LimitBounds.ServerFloor(answers, messageReads, concurrency);
        var median = answers.Count == 0 ? TimeSpan.Zero : answers.Order().ElementAt(answers.Count / 2);
        return new LimitedReading(messages, elapsed, paths.Count, platform.Refused(host) - refusedBefore, limit > floor ? limit : floor, median, firstMessage);
    }
}
