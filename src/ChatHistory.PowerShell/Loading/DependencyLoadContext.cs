using System.Reflection;
using System.Runtime.Loader;

namespace ChatHistory.PowerShell.Loading;

/// <summary>
/// Loads ChatHistory.Core and its third-party dependencies from the module's Dependencies folder,
/// apart from whatever versions Az, Microsoft.Graph or PnP loaded into the default context.
/// </summary>
internal sealed class DependencyLoadContext(string dependencyDirectory) : AssemblyLoadContext("ChatHistory", isCollectible: false)
{
    public string DependencyDirectory { get; } = dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var candidate = Path.Combine(DependencyDirectory, assemblyName.Name + ".dll");
        // Anything not shipped with the module (the framework, PowerShell itself) comes from the default context.
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
