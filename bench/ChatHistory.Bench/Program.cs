using System.Globalization;
using ChatHistory.Bench;
using ChatHistory.Bench.Limits;

// Modes (bench/README.md): none = pipeline cost against a bare HttpClient; "limits [rounds]" =
// each platform at its documented rate limit against a naive loop.
switch (args.FirstOrDefault())
{
    case "limits":
        await LimitsBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
        break;
    default:
        await ThroughputBench.RunAsync();
        break;
}
