using System.Globalization;

namespace ChatHistory.Bench.Limits;

/// <summary>Prints one row per platform: naive loop, module, the limit's bound and the ratios, and the time to the first message.</summary>
public static class LimitsTable
{
    public static void Print(IReadOnlyList<(LimitedPlatform Platform, PlatformRuns Runs)> rows, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(culture, "{0,-12} {1,-26} {2,8} {17,6} | {3,8} {4,5} {5,5} | {6,8} {7,5} {8,5} | {9,8} {10,7} {11,7} {12,7} | {13,8} {14,8} {15,8} {16,8} {18,8}",
            "platform", "limit", "messages", "naive s", "req", "refus", "module s", "req", "refus", "bound s", "mod/bnd", "mod/nv", "req/min", "1st c4", "1st c16", "s>m c16", "c16 s", "srv ms", "bare/bnd"));
        foreach (var (platform, runs) in rows)
        {
            var naive = PlatformRuns.Median(runs.Naive);
            var module = PlatformRuns.Median(runs.Module);
            var wide = PlatformRuns.Median(runs.Wide);
            output.WriteLine(string.Format(culture, "{0,-12} {1,-26} {2,8} {17,6:0.0} | {3,8:0.00} {4,5} {5,5} | {6,8:0.00} {7,5} {8,5} | {9,8:0.00} {10,7} {11,7} {12,7} | {13,8} {14,8} {15,8} {16,8:0.00} {18,8}",
                platform.Name,
                platform.Limit,
                module.Messages,
                naive.Elapsed.TotalSeconds,
                naive.Requests,
                naive.Refused,
                module.Elapsed.TotalSeconds,
                module.Requests,
                module.Refused,
                module.Bound.TotalSeconds,
                PlatformRuns.MedianToBound(runs.Module).ToString("0.00x", culture),
                Ratio(module.Elapsed, naive.Elapsed),
                ((double)module.Requests / (naive.Requests - naive.Refused)).ToString("0.00x", culture),
                Milliseconds(PlatformRuns.MedianFirstMessage(runs.Module)),
                Milliseconds(PlatformRuns.MedianFirstMessage(runs.Wide)),
                Milliseconds(PlatformRuns.MedianSessionToMessage(runs.Wide)),
                wide.Elapsed.TotalSeconds,
                module.ServerAnswer.TotalMilliseconds,
                runs.Bare.Count > 0 ? PlatformRuns.MedianToBound(runs.Bare).ToString("0.00x", culture) : "-"));
        }

        output.WriteLine($"Latency {LimitedRead.Latency.TotalMilliseconds:0} ms per request; srv ms = the simulator's median time per answer of the module's read, latency included. " +
            "Requests and refusals (429/503) as the simulator counted them; " +
            "bound = the larger of the limit's least time for the module's requests and the least time the simulator's own answers allow " +
            "(the listing's first, then the others 4 at a time: their longest, their sum over 4, or the message reads' 4th and 5th longest together); " +
            "mod/bnd = the median of each round's module time over that round's bound; " +
            "req/min = the module's requests over the naive loop's answered ones (page after page, no batch: the fewest without batch); " +
            "s>m c16 = from the listing handing on the first message's session to that message, at concurrency 16; " +
            "bare/bnd = the module's request plan done by a bare HttpClient with JsonDocument (Bitrix24), the median of its time over its own bound.");
    }

    private static string Ratio(TimeSpan value, TimeSpan reference) =>
        reference > TimeSpan.Zero ? (value / reference).ToString("0.00x", CultureInfo.InvariantCulture) : "-";

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
