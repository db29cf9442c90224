using System.Globalization;
using ChatHistory.Bench;
using ChatHistory.Bench.Limits;
using ChatHistory.Bench.Memory;

// Modes (bench/README.md): none = pipeline cost against a bare HttpClient; "limits [rounds] [platforms...] [--sessions N]" =
// each platform at its documented rate limit against a naive loop; "memory [passes...] [--rounds N]" = peak memory at
// 100k and 1M messages ("memory-read N URL" is its child process, one size per process).
switch (args.FirstOrDefault())
{
    case "limits":
        var sessionsAt = Array.IndexOf(args, "--sessions");
        var sessions = sessionsAt > 0 ? int.Parse(args[sessionsAt + 1], CultureInfo.InvariantCulture) : Platforms.DefaultSessions;
        var limitsArgs = sessionsAt > 0 ? args.Take(sessionsAt).ToArray() : args;
        await LimitsBench.RunAsync(
            limitsArgs.Length > 1 ? int.Parse(limitsArgs[1], CultureInfo.InvariantCulture) : 3, limitsArgs.Skip(2).ToList(), sessions);
        break;
    case "memory":
        var roundsAt = Array.IndexOf(args, "--rounds");
        var memoryArgs = roundsAt > 0 ? args.Take(roundsAt).ToArray() : args;
        await MemoryBench.RunAsync(
            memoryArgs.Skip(1).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList(),
            roundsAt > 0 ? int.Parse(args[roundsAt + 1], CultureInfo.InvariantCulture) : 1);
        break;
    case "memory-read":
        await MemoryRead.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), new Uri(args[2]));
        break;
    default:
        await ThroughputBench.RunAsync();
        break;
}
