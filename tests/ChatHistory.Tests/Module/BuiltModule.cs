using System.Reflection;
using System.Text.RegularExpressions;

namespace ChatHistory.Tests.Module;

/// <summary>The module folder that `dotnet build` laid out, read with a MetadataLoadContext (nothing is run).</summary>
public sealed partial class BuiltModule : IDisposable
{
    public BuiltModule()
    {
        Root = FindRoot();
        Directory = Path.Combine(Root, "out", "ChatHistory", Version);
        var sma = Path.Combine(
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "powershellstandard.library", "5.1.1", "lib", "netstandard2.0", "System.Management.Automation.dll");
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = System.IO.Directory.GetFiles(runtime, "*.dll")
            .Concat(System.IO.Directory.GetFiles(DependenciesDirectory, "*.dll"))
            .Append(sma)
            .Append(CmdletAssemblyPath)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last());
        Context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        CmdletAssembly = Context.LoadFromAssemblyPath(CmdletAssemblyPath);
        Automation = Context.LoadFromAssemblyPath(sma);
    }

    public string Root { get; }

    public string Directory { get; }

    public string DependenciesDirectory => Path.Combine(Directory, "Dependencies");

    public string CmdletAssemblyPath => Path.Combine(Directory, "ChatHistory.PowerShell.dll");

    public string ManifestPath => Path.Combine(Directory, "ChatHistory.psd1");

    public MetadataLoadContext Context { get; }

    public Assembly CmdletAssembly { get; }

    public Assembly Automation { get; }

    public static string Version { get; } = ReadVersion();

    public IEnumerable<Type> CmdletTypes =>
        CmdletAssembly.GetTypes().Where(t => !t.IsAbstract && t.GetCustomAttributesData().Any(IsCmdletAttribute));

    public static bool IsCmdletAttribute(CustomAttributeData a) => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute";

    public static string CmdletName(Type type)
    {
        var attribute = type.GetCustomAttributesData().First(IsCmdletAttribute);
        return $"{attribute.ConstructorArguments[0].Value}-{attribute.ConstructorArguments[1].Value}";
    }

    public void Dispose() => Context.Dispose();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatHistory.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ChatHistory.sln not found above the test output.");
    }

    private static string ReadVersion()
    {
        var props = File.ReadAllText(Path.Combine(FindRoot(), "Directory.Build.props"));
        return VersionPattern().Match(props).Groups[1].Value;
    }

    [GeneratedRegex("<ModuleVersion>([^<]+)</ModuleVersion>")]
    private static partial Regex VersionPattern();
}
