using System.Diagnostics;

namespace ChatHistory.Bench.Memory;

/// <summary>Runs a child process of the memory mode to its end, with what it wrote to its output and error streams.</summary>
public static class ChildProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        return (child.ExitCode, await output, await error);
    }
}
