using System.Reflection;
using System.Runtime.Loader;

namespace ChatHistory.Loader;

/// <summary>
/// Loads ChatHistory.Core and its third-party dependencies from the module's Dependencies folder,
/// apart from whatever versions Az, Microsoft.Graph or PnP loaded into the default context.
/// </summary>
/// <param name="sharedAssemblies">
/// Names always taken from the default context: what the runtime or PowerShell ships (System.Text.Json
/// and the like). A private copy of one of those would make its types differ from the framework's own.
/// </param>
internal sealed class DependencyLoadContext(string dependencyDirectory, IReadOnlySet<string> sharedAssemblies)
    : AssemblyLoadContext("ChatHistory", isCollectible: false)
{
    public string DependencyDirectory { get; } = dependencyDirectory;

    /// <summary>The host's trusted platform assemblies, read at run time rather than kept by hand.</summary>
    public static IReadOnlySet<string> PlatformAssemblies()
    {
        var paths = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        return paths
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || sharedAssemblies.Contains(assemblyName.Name))
        {
            return null;
        }

        var candidate = Path.Combine(DependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
