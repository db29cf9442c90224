namespace ChatHistory.Bench;

/// <summary>One timed read of every message: how many, how long, how many bytes allocated.</summary>
public sealed record Measurement(string Name, int Messages, TimeSpan Elapsed, long AllocatedBytes)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    public double BytesPerMessage => (double)AllocatedBytes / Messages;

    /// <summary>Runs <paramref name="read"/> (which returns the message count) after a full collection.</summary>
    public static async Task<Measurement> TakeAsync(string name, Func<Task<int>> read)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var messages = await read();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Measurement(name, messages, elapsed, allocated);
    }

    /// <summary>The run of median time; allocation hardly varies between runs.</summary>
    public static Measurement Median(IReadOnlyList<Measurement> runs) =>
        runs.OrderBy(r => r.Elapsed).ElementAt(runs.Count / 2);
}
