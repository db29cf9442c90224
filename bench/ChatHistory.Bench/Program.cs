using System.Globalization;
using ChatHistory.Bench;
using ChatHistory.Bench.Limits;
using ChatHistory.Bench.Memory;

// Modes (bench/README.md): none = pipeline cost against a bare HttpClient; "limits [rounds] [platforms...]" =
// each platform at its documented rate limit against a naive loop; "memory" = peak memory at
// 100k and 1M messages ("memory-read N URL" is its child process, one size per process).
switch (args.FirstOrDefault())
{
    case "limits":
        await LimitsBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3, args.Skip(2).ToList());
        break;
    case "memory":
        await MemoryBench.RunAsync(args.Skip(1).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList());
        break;
    case "memory-read":
        await MemoryRead.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), new Uri(args[2]));
        break;
    default:
        await ThroughputBench.RunAsync();
        break;
}
