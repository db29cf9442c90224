using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ChatHistory.PowerShell.Loading;

/// <summary>
/// Runs when the module is imported: the cmdlet assembly references only ChatHistory.Core, and
/// this resolver hands the default context the copy loaded in the module's private context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private const string EngineAssemblyName = "ChatHistory.Core";

    private static readonly DependencyLoadContext Context = new(
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies"));

    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
        name.Name == EngineAssemblyName ? Context.LoadFromAssemblyName(name) : null;
}
