using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using ChatHistory.Simulator;

namespace ChatHistory.Bench.Memory;

/// <summary>
/// The memory mode: this process runs the simulator; one child process per size (so that each has
/// its own peak working set, and none holds the simulator's data) reads about 100k and about 1M
/// messages from it, and the ratio of the peaks says whether anything accumulates. Each size runs
/// twice: with the runtime's default tiered JIT, as in pwsh, and with every method compiled once at
/// full optimization (DOTNET_TieredCompilation=0). The tiered JIT recompiles hot code in the
/// background during the first seconds, which adds megabytes once, whatever the message count; a
/// 100k read that ends before that makes the default ratio measure the JIT rather than the read.
/// Then a pwsh child per size runs the cmdlets through the built module (<see cref="PwshMemoryChild"/>):
/// the whole process a user runs, which is what issue 10's figures are about. Its peak moves by
/// several megabytes from run to run (when the tiered JIT's background work lands), so the pwsh
/// pair runs <c>rounds</c> times, alternating sizes, and the ratio is each round's and their median.
/// </summary>
public static class MemoryBench
{
    private static readonly int[] DefaultPasses = [1, 10];

    /// <param name="passes">How many times over each child reads the rooms; the first and last are compared.</param>
    /// <param name="rounds">How many times the pwsh children run, each size once per round.</param>
    public static async Task RunAsync(IReadOnlyList<int> passes, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        passes = passes.Count > 1 ? passes : DefaultPasses;
        Console.WriteLine($"ChatHistory memory bench {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, Rocket.Chat {MemoryRead.Data.RoomCount} rooms read {string.Join(", ", passes)} times over, " +
            $"page size 100, concurrency 4, no rate limit, no latency; pwsh {rounds} round{(rounds == 1 ? "" : "s")}");
        var pwsh = await PwshMemoryChild.LocateAsync();
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { RocketChat = MemoryRead.Data });
        var results = new List<MemoryResult>();
        foreach (var jit in new[] { Jit.Tiered, Jit.FullOpt })
        {
            foreach (var count in passes)
            {
                results.Add(await RunChildAsync(count, jit, host.RocketChatUrl));
            }
        }

        string? configuration = null;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var count in passes)
            {
                var values = Parse(await pwsh.RunAsync(count, host.RocketChatUrl));
                configuration = values["configuration"];
                var result = ToResult(Jit.Pwsh, count, values) with { Round = round };
                var expected = results.First(r => r.Passes == count).Messages;
                if (result.Messages != expected)
                {
                    throw new InvalidOperationException($"pwsh read {result.Messages} messages in {count} passes where the C# child read {expected}.");
                }

                results.Add(result);
            }
        }

        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(culture, "{0,-8} {1,-7} {2,10} {3,8} {4,14} {5,14} {6,10} {7,14} {8,14} {9,14} {10,12}",
            "jit", "passes", "messages", "seconds", "WS before MB", "peak WS MB", "heap MB", "peak heap MB", "heap after MB", "GC commit MB", "JIT methods"));
        foreach (var result in results)
        {
            Console.WriteLine(string.Format(culture, "{0,-8} {1,-7} {2,10} {3,8:0.0} {4,14:0.0} {5,14:0.0} {6,10:0.0} {7,14} {8,14:0.0} {9,14} {10,12}",
                result.Round > 0 ? $"{Name(result.Jit)} {result.Round}" : Name(result.Jit), result.Passes, result.Messages, result.Seconds, Mb(result.WorkingSetBefore), Mb(result.PeakWorkingSet), Mb(result.HeapBefore),
                MbOrDash(result.PeakHeap), Mb(result.HeapAfter), MbOrDash(result.PeakCommitted), result.JitMethods));
        }

        foreach (var jit in new[] { Jit.Tiered, Jit.FullOpt })
        {
            var small = results.First(r => r.Jit == jit);
            var large = results.Last(r => r.Jit == jit);
            var peakHeapRatio = large.PeakHeap is { } largePeak && small.PeakHeap is { } smallPeak
                ? string.Create(culture, $", peak managed heap {(double)largePeak / smallPeak:0.00}x")
                : string.Empty;
            Console.WriteLine(string.Create(culture,
                $"{Name(jit)}: {large.Passes} passes / {small.Passes} pass: peak working set {(double)large.PeakWorkingSet / small.PeakWorkingSet:0.00}x" +
                $"{peakHeapRatio} (messages {(double)large.Messages / small.Messages:0.0}x); " +
                $"heap after a full collection {(double)large.HeapAfter / small.HeapAfter:0.00}x."));
        }

        var pwshRatios = Enumerable.Range(1, rounds)
            .Select(round => results.Where(r => r.Jit == Jit.Pwsh && r.Round == round).ToList())
            .Select(pair => (double)pair[^1].PeakWorkingSet / pair[0].PeakWorkingSet)
            .ToList();
        Console.WriteLine(string.Create(culture,
            $"pwsh: {passes[^1]} passes / {passes[0]} pass: peak working set {string.Join(", ", pwshRatios.Select(r => r.ToString("0.00x", culture)))} by round; " +
            $"median {pwshRatios.Order().ElementAt(pwshRatios.Count / 2):0.00x}."));

        Console.WriteLine("The client process only: the simulator runs in the bench's own process. " +
            "tiered = the runtime's default JIT, as in pwsh; full-opt = DOTNET_TieredCompilation=0, every method compiled once, fully optimized.");
        Console.WriteLine("pwsh = the whole pwsh process (default JIT) running Get-ChatSession | Get-ChatMessage | Measure-Object " +
            $"with the module built in {configuration} ({pwsh.ModulePath}); no peak heap sampled.");
        Console.WriteLine("GC commit MB = the managed heap's committed memory, largest sampled every 50 ms; JIT methods = the JIT's compilations in the child by the end of the read " +
            "(System.Runtime.JitInfo.GetCompiledMethodCount; the tiered JIT compiles a hot method again, and that counts again).");
    }

    private enum Jit
    {
        Tiered,
        FullOpt,
        Pwsh,
    }

    private static string Name(Jit jit) => jit switch
    {
        Jit.Tiered => "tiered",
        Jit.FullOpt => "full-opt",
        _ => "pwsh",
    };

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);

    private static string MbOrDash(long? bytes) => bytes is { } value ? Mb(value).ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static async Task<MemoryResult> RunChildAsync(int passes, Jit jit, string serverUrl)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!);
        start.Environment.Remove("DOTNET_TieredCompilation");
        if (jit == Jit.FullOpt)
        {
            start.Environment["DOTNET_TieredCompilation"] = "0";
        }

        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryBench).Assembly.Location);
        }

        start.ArgumentList.Add("memory-read");
        start.ArgumentList.Add(passes.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(serverUrl);
        var (exitCode, output, error) = await ChildProcess.RunAsync(start);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The memory read of {passes} passes failed (exit code {exitCode}): {error.Trim()}");
        }

        return ToResult(jit, passes, Parse(output));
    }

    /// <summary>The key=value pairs of the child's result line, the last line that starts with messages=.</summary>
    private static Dictionary<string, string> Parse(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("messages=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"A memory read printed no result line: {output.Trim()}");
        return line.Split(' ').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
    }

    private static MemoryResult ToResult(Jit jit, int passes, Dictionary<string, string> values)
    {
        long Read(string name) => (long)double.Parse(values[name], CultureInfo.InvariantCulture);
        return new MemoryResult(jit, passes, Read("messages"), double.Parse(values["seconds"], CultureInfo.InvariantCulture),
            Read("workingSetBefore"), Read("peakWorkingSet"), Read("heapBefore"), ReadIfThere("peakHeap"), Read("heapAfter"),
            ReadIfThere("peakCommitted"), Read("jitMethods"));
        long? ReadIfThere(string name) => values.ContainsKey(name) ? Read(name) : null;
    }

    /// <param name="Round">The pwsh round, from 1; 0 for the C# children, which run once.</param>
    private sealed record MemoryResult(Jit Jit, int Passes, long Messages, double Seconds, long WorkingSetBefore, long PeakWorkingSet, long HeapBefore, long? PeakHeap, long HeapAfter,
        long? PeakCommitted, long JitMethods, int Round = 0);
}
