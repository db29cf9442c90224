using System.Runtime;

namespace ChatHistory.Bench.Limits;

/// <summary>
/// The limits mode: per platform, round after round, the module at concurrency 4, the naive loop,
/// and the module at concurrency 16, each against a fresh simulator that enforces the platform's
/// documented limit with a fixed round trip. Prints the median of each.
/// </summary>
public static class LimitsBench
{
    /// <param name="only">Platform names to run (e.g. Kommo); all when empty.</param>
    public static async Task RunAsync(int rounds, IReadOnlyCollection<string> only, int sessions)
    {
        var platforms = Platforms.All(sessions).Where(p => only.Count == 0 || only.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (platforms.Count == 0)
        {
            throw new ArgumentException($"No platform named {string.Join(", ", only)}; the names are {string.Join(", ", Platforms.All(sessions).Select(p => p.Name))}.");
        }

        Console.WriteLine($"ChatHistory limits bench {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {sessions} sessions per platform, " +
            $"{LimitedRead.Latency.TotalMilliseconds:0} ms per request, median of {rounds} interleaved rounds");
        var runs = platforms.ToDictionary(p => p.Name, _ => new PlatformRuns());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var platform in platforms)
            {
                var slot = runs[platform.Name];
                slot.Module.Add(await LimitedRead.ModuleAsync(platform, 4, CancellationToken.None));
                if (platform.Bare is { } bare)
                {
                    slot.Bare.Add(await LimitedRead.BareAsync(platform, bare, 4, CancellationToken.None));
                }

                slot.Naive.Add(await LimitedRead.NaiveAsync(platform, CancellationToken.None));
                slot.Wide.Add(await LimitedRead.ModuleAsync(platform, 16, CancellationToken.None));
                Console.Error.WriteLine($"round {round + 1}, {platform.Name}: module {slot.Module[^1].Elapsed.TotalSeconds:0.000} s ({slot.Module[^1].Elapsed / slot.Module[^1].Bound:0.00}x its bound; {slot.Module[^1].Jit}), " +
                    $"naive {slot.Naive[^1].Elapsed.TotalSeconds:0.0} s, module c16 {slot.Wide[^1].Elapsed.TotalSeconds:0.0} s" +
                    (slot.Bare.Count > 0 ? $", bare {slot.Bare[^1].Elapsed.TotalSeconds:0.000} s ({slot.Bare[^1].Elapsed / slot.Bare[^1].Bound:0.00}x its bound; {slot.Bare[^1].Jit})" : ""));
            }
        }

        foreach (var platform in platforms)
        {
            var all = runs[platform.Name].All.ToList();
            if (all.Any(r => r.Messages != all[0].Messages))
            {
                throw new InvalidOperationException(
                    $"{platform.Name}: the reads returned different message counts ({string.Join(", ", all.Select(r => r.Messages).Distinct())}).");
            }
        }

        LimitsTable.Print(platforms.Select(p => (p, runs[p.Name])).ToList(), Console.Out);
    }
}

/// <summary>Every reading of one platform, by kind of read.</summary>
public sealed class PlatformRuns
{
    public List<LimitedReading> Module { get; } = [];

    public List<LimitedReading> Naive { get; } = [];

    /// <summary>The module at concurrency 16.</summary>
    public List<LimitedReading> Wide { get; } = [];

    /// <summary>The module's request plan done by a bare HttpClient (Bitrix24 only).</summary>
    public List<LimitedReading> Bare { get; } = [];

    public IEnumerable<LimitedReading> All => Module.Concat(Naive).Concat(Wide).Concat(Bare);

    public static LimitedReading Median(IReadOnlyList<LimitedReading> readings) =>
        readings.OrderBy(r => r.Elapsed).ElementAt(readings.Count / 2);

    /// <summary>Each round's time over that round's own bound, which moves with the server's answer times; the median.</summary>
    public static double MedianToBound(IReadOnlyList<LimitedReading> readings) =>
        readings.Select(r => r.Bound > TimeSpan.Zero ? r.Elapsed / r.Bound : double.NaN).Order().ElementAt(readings.Count / 2);

    public static TimeSpan MedianFirstMessage(IReadOnlyList<LimitedReading> readings) =>
        readings.Select(r => r.FirstMessage ?? TimeSpan.Zero).OrderBy(t => t).ElementAt(readings.Count / 2);

    /// <summary>From the listing handing on a session to that session's first message: what the listing's own round trips do not explain.</summary>
    public static TimeSpan MedianSessionToMessage(IReadOnlyList<LimitedReading> readings) =>
        readings.Select(r => (r.FirstMessage ?? TimeSpan.Zero) - (r.FirstMessageSession ?? TimeSpan.Zero)).OrderBy(t => t).ElementAt(readings.Count / 2);
}
