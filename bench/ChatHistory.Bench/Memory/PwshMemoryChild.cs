using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatHistory.Bench.Memory;

/// <summary>
/// The memory mode's pwsh child: a real pwsh (<c>dotnet pwsh</c>, resolved through the repository's
/// tool manifest) imports the built module and runs PwshMemoryRead.ps1, which reads the simulator
/// with the cmdlets as a user does and prints the same key=value line as <see cref="MemoryRead"/>.
/// Its figures are the whole pwsh process: the PowerShell engine and the module, the issue's own
/// measurement.
/// </summary>
public sealed partial class PwshMemoryChild
{
    private const string TokenVariable = "CHATHISTORY_BENCH_AUTHTOKEN";

    private readonly string repoRoot;
    private readonly string modulePath;
    private readonly string scriptPath;

    private PwshMemoryChild(string repoRoot, string modulePath, string scriptPath)
    {
        this.repoRoot = repoRoot;
        this.modulePath = modulePath;
        this.scriptPath = scriptPath;
    }

    /// <summary>The built module's manifest, as the bench hands it to Import-Module.</summary>
    public string ModulePath => modulePath;

    /// <summary>
    /// Finds the repository, the built module and a restored pwsh, so that a missing one fails
    /// the run before the C# children spend their minutes.
    /// </summary>
    public static async Task<PwshMemoryChild> LocateAsync()
    {
        var repoRoot = FindRepoRoot();
        var version = ModuleVersionRegex().Match(File.ReadAllText(Path.Combine(repoRoot, "Directory.Build.props"))) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("ModuleVersion not found in Directory.Build.props.");
        var modulePath = Path.Combine(repoRoot, "out", "ChatHistory", version, "ChatHistory.psd1");
        if (!File.Exists(modulePath))
        {
            throw new InvalidOperationException(
                $"The module is not built ({modulePath} is missing): run 'dotnet build ChatHistory.sln -c Release' (or 'dotnet pwsh ./build.ps1 -Task Build') in {repoRoot}.");
        }

        var start = Start(repoRoot);
        start.ArgumentList.Add("-Version");
        var (exitCode, _, error) = await ChildProcess.RunAsync(start);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet pwsh' does not start in {repoRoot}: run 'dotnet tool restore' there. It said: {error.Trim()}");
        }

        var scriptPath = Path.Combine(AppContext.BaseDirectory, "Memory", "PwshMemoryRead.ps1");
        return new PwshMemoryChild(repoRoot, modulePath, scriptPath);
    }

    /// <summary>Reads the rooms <paramref name="passes"/> times over and returns the script's key=value line.</summary>
    public async Task<string> RunAsync(int passes, string serverUrl)
    {
        var start = Start(repoRoot);
        // The runtime's default JIT, as users run pwsh.
        start.Environment.Remove("DOTNET_TieredCompilation");
        start.Environment[TokenVariable] = MemoryRead.Data.AuthToken;
        foreach (var argument in new[]
        {
            "-NoProfile", "-NonInteractive", "-File", scriptPath,
            "-ModulePath", modulePath, "-Url", serverUrl, "-UserId", MemoryRead.Data.UserId, "-Passes", passes.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, output, error) = await ChildProcess.RunAsync(start);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The pwsh memory read of {passes} passes failed (exit code {exitCode}): {error.Trim()}");
        }

        return output;
    }

    private static ProcessStartInfo Start(string repoRoot)
    {
        // The dotnet that runs the bench when there is one (dotnet run sets DOTNET_HOST_PATH), else the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            // dotnet finds the local tool pwsh through .config/dotnet-tools.json above the working directory.
            WorkingDirectory = repoRoot,
        };
        start.ArgumentList.Add("pwsh");
        return start;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatHistory.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ChatHistory.sln: run the bench from its build output in the repository.");
    }

    [GeneratedRegex("<ModuleVersion>([^<]+)</ModuleVersion>")]
    private static partial Regex ModuleVersionRegex();
}
