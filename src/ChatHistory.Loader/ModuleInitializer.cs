using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ChatHistory.Loader;

/// <summary>
/// Runs when the module's first nested module is imported, before PowerShell reads the cmdlet
/// assembly: from then on the default context finds ChatHistory.Core in the module's private context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssemblyName = "ChatHistory.Core";

    private static readonly DependencyLoadContext Context = new(
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies"),
        DependencyLoadContext.PlatformAssemblies());

    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    public void OnRemove(PSModuleInfo module) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
        name.Name == EngineAssemblyName ? Context.LoadFromAssemblyName(name) : null;
}
