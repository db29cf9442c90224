using System.Globalization;

namespace ChatHistory.Bench;

/// <summary>One printed row: the median run, the fastest and slowest runs, and the baseline's median.</summary>
public sealed record ResultRow(Measurement Median, TimeSpan Fastest, TimeSpan Slowest, Measurement Baseline);

/// <summary>Prints the measurements with their ratios to the baseline read at the same concurrency.</summary>
public static class ResultTable
{
    public static void Print(IReadOnlyList<ResultRow> rows, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(culture, "{0,-20} {1,9} {2,10} {3,12} {4,12} {5,8} {6,10} {7,8}",
            "read", "messages", "median ms", "min-max ms", "messages/s", "vs base", "bytes/msg", "vs base"));
        foreach (var row in rows)
        {
            var result = row.Median;
            output.WriteLine(string.Format(culture, "{0,-20} {1,9} {2,10:0} {3,12} {4,12:0} {5,8} {6,10:0} {7,8}",
                result.Name,
                result.Messages,
                result.Elapsed.TotalMilliseconds,
                $"{row.Fastest.TotalMilliseconds:0}-{row.Slowest.TotalMilliseconds:0}",
                result.MessagesPerSecond,
                (result.MessagesPerSecond / row.Baseline.MessagesPerSecond).ToString("0.00x", culture),
                result.BytesPerMessage,
                (result.BytesPerMessage / row.Baseline.BytesPerMessage).ToString("0.00x", culture)));
        }
    }
}
