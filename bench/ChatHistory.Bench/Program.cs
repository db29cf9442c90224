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
        var (limitsArgs, sessions) = TrailingOption(args, "--sessions", Platforms.DefaultSessions);
        await LimitsBench.RunAsync(
            limitsArgs.Length > 1 ? int.Parse(limitsArgs[1], CultureInfo.InvariantCulture) : 3, limitsArgs.Skip(2).ToList(), sessions);
        break;
    case "memory":
        var (memoryArgs, rounds) = TrailingOption(args, "--rounds", 1);
        await MemoryBench.RunAsync(memoryArgs.Skip(1).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList(), rounds);
        break;
    case "memory-read":
        await MemoryRead.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), new Uri(args[2]));
        break;
    default:
        await ThroughputBench.RunAsync();
        break;
}

// "--name N" after a mode's other arguments: those arguments, and N (or the default when absent).
static (string[] Before, int Value) TrailingOption(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at > 0 ? (args[..at], int.Parse(args[at + 1], CultureInfo.InvariantCulture)) : (args, fallback);
}
