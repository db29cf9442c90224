using System.Reflection;
using System.Runtime.Loader;

namespace ChatHistory.Loader;

/// <summary>
/// Loads ChatHistory.Core and its third-party dependencies from the module's Dependencies folder,
/// apart from whatever versions Az, Microsoft.Graph or PnP loaded into the default context.
/// </summary>
internal sealed class DependencyLoadContext(string dependencyDirectory) : AssemblyLoadContext("ChatHistory", isCollectible: false)
{
    private static readonly HashSet<string> PlatformAssemblies = ReadPlatformAssemblies();

    public string DependencyDirectory { get; } = dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // What the runtime or PowerShell ships (System.Text.Json and the like) is shared with the
        // default context: a private copy would make its types differ from the framework's own.
        if (assemblyName.Name is null || PlatformAssemblies.Contains(assemblyName.Name))
        {
            return null;
        }

        var candidate = Path.Combine(DependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }

    private static HashSet<string> ReadPlatformAssemblies()
    {
        var paths = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        return paths
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
