using System.Runtime.Loader;
using ChatHistory.Loader;

namespace ChatHistory.Tests.Module;

/// <summary>
/// The module's private load context over the Dependencies folder that `dotnet build` laid out. In
/// pwsh the shared names are the host's trusted platform assemblies; this test host also trusts the
/// test's own references (Polly, Core), so the tests pass what pwsh would: the runtime's assemblies.
/// </summary>
public sealed class DependencyLoadContextTests(BuiltModule module) : IClassFixture<BuiltModule>
{
    private static readonly IReadOnlySet<string> RuntimeAssemblies =
        Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void ThirdPartyAssembliesLoadPrivately()
    {
        var context = new DependencyLoadContext(module.DependenciesDirectory, RuntimeAssemblies);

        var polly = context.LoadFromAssemblyName(new("Polly.Core"));

        Assert.Same(context, AssemblyLoadContext.GetLoadContext(polly));
        Assert.StartsWith(module.DependenciesDirectory, polly.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System.Text.Json")]
    [InlineData("System.Diagnostics.DiagnosticSource")]
    [InlineData("System.Net.Http")]
    public void WhatTheRuntimeShipsComesFromTheDefaultContext(string name)
    {
        var context = new DependencyLoadContext(module.DependenciesDirectory, RuntimeAssemblies);

        var assembly = context.LoadFromAssemblyName(new(name));

        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(assembly));
        Assert.False(File.Exists(Path.Combine(module.DependenciesDirectory, name + ".dll")), $"{name} is shipped, yet the runtime carries it");
    }

    [Fact]
    public void TheEngineLoadsPrivatelyAndAsksForTheJsonPowerShell74Carries()
    {
        var context = new DependencyLoadContext(module.DependenciesDirectory, RuntimeAssemblies);

        var core = context.LoadFromAssemblyName(new("ChatHistory.Core"));
        var json = core.GetReferencedAssemblies().Single(a => a.Name == "System.Text.Json");

        Assert.Same(context, AssemblyLoadContext.GetLoadContext(core));
        Assert.Equal(8, json.Version!.Major);
    }

    [Fact]
    public void PlatformAssembliesAreReadFromTheHost()
    {
        var platform = DependencyLoadContext.PlatformAssemblies();

        Assert.Contains("System.Private.CoreLib", platform);
        Assert.Contains("System.Text.Json", platform);
    }
}
