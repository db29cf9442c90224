using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ChatHistory.Tests.Module;

public sealed partial class ModuleSurfaceTests(BuiltModule module) : IClassFixture<BuiltModule>
{
    [Fact]
    public void CmdletAssemblyReferencesNoIsolatedAssembly()
    {
        var isolated = Directory.GetFiles(module.DependenciesDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name != "ChatHistory.Core")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Polly.Core", isolated);
        Assert.Contains("Microsoft.Extensions.Http", isolated);

        var referenced = module.CmdletAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("ChatHistory.Core", referenced);
        Assert.DoesNotContain(referenced, isolated.Contains);
    }

    [Fact]
    public void CoreDoesNotReferencePowerShell()
    {
        var core = module.Context.LoadFromAssemblyPath(Path.Combine(module.DependenciesDirectory, "ChatHistory.Core.dll"));

        Assert.DoesNotContain(core.GetReferencedAssemblies(), a => a.Name == "System.Management.Automation");
    }

    [Fact]
    public void EngineIsNotBesideTheCmdletAssembly()
    {
        // Beside the cmdlet assembly, PowerShell's own resolver would load it into the default context.
        Assert.False(File.Exists(Path.Combine(module.Directory, "ChatHistory.Core.dll")));
        Assert.True(File.Exists(Path.Combine(module.DependenciesDirectory, "ChatHistory.Core.dll")));
    }

    [Fact]
    public void EveryCmdletUsesAnApprovedVerb()
    {
        var approved = module.Automation.GetTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
        Assert.Contains("Get", approved);

        foreach (var cmdlet in module.CmdletTypes)
        {
            var verb = BuiltModule.CmdletName(cmdlet).Split('-')[0];
            Assert.True(approved.Contains(verb), $"{BuiltModule.CmdletName(cmdlet)} uses the unapproved verb {verb}");
        }
    }

    [Fact]
    public void EveryCmdletDeclaresItsOutputType()
    {
        foreach (var cmdlet in module.CmdletTypes)
        {
            Assert.True(
                cmdlet.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute"),
                $"{BuiltModule.CmdletName(cmdlet)} has no [OutputType]");
        }
    }

    [Fact]
    public void ManifestExportsExactlyTheCmdlets()
    {
        var manifest = File.ReadAllText(module.ManifestPath);
        var block = CmdletsToExport().Match(manifest).Groups[1].Value;
        var exported = Quoted().Matches(block).Select(m => m.Groups[1].Value).Order().ToList();

        var cmdlets = module.CmdletTypes.Select(BuiltModule.CmdletName).Order().ToList();

        Assert.Equal(cmdlets, exported);
        Assert.Equal(8, cmdlets.Count);
    }

    [Fact]
    public void ManifestVersionMatchesTheBuild()
    {
        var manifest = File.ReadAllText(module.ManifestPath);

        Assert.Matches($"ModuleVersion\\s*=\\s*'{Regex.Escape(BuiltModule.Version)}'", manifest);
        Assert.Equal(BuiltModule.Version, module.CmdletAssembly.GetName().Version!.ToString(3));
        Assert.Contains("CompatiblePSEditions   = @('Core')", manifest);
    }

    [Fact]
    public void ErrorCategoryNamesExistInPowerShell()
    {
        var categories = module.Automation.GetType("System.Management.Automation.ErrorCategory")!
            .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToHashSet();

        foreach (var kind in Enum.GetValues<ChatErrorKind>())
        {
            Assert.Contains(ErrorCategories.NameOf(kind), categories);
        }
    }

    [Fact]
    public void HelpHasExamplesAndDescribesEveryParameter()
    {
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
        var help = XDocument.Load(Path.Combine(module.Directory, "en-US", "ChatHistory.PowerShell.dll-Help.xml"));
        var commands = help.Root!.Elements(command + "command").ToDictionary(c => c.Element(command + "details")!.Element(command + "name")!.Value);

        foreach (var cmdlet in module.CmdletTypes)
        {
            var name = BuiltModule.CmdletName(cmdlet);
            Assert.True(commands.TryGetValue(name, out var entry), $"no help for {name}");
            Assert.NotEmpty(entry!.Element(command + "details")!.Element(maml + "description")!.Value.Trim());
            Assert.True(entry.Element(command + "examples")!.Elements(command + "example").Count() >= 2, $"{name} has fewer than two examples");
            var described = entry.Element(command + "parameters")!.Elements(command + "parameter")
                .ToDictionary(p => p.Element(maml + "name")!.Value, p => p.Element(maml + "description")!.Value.Trim());
            foreach (var parameter in ParameterNames(cmdlet))
            {
                Assert.True(described.TryGetValue(parameter, out var text) && text.Length > 0, $"{name} -{parameter} is not described");
            }
        }
    }

    [Fact]
    public void FormatAndTypeFilesNameRealTypesAndProperties()
    {
        var core = module.Context.LoadFromAssemblyPath(Path.Combine(module.DependenciesDirectory, "ChatHistory.Core.dll"));
        var types = XDocument.Load(Path.Combine(module.Directory, "ChatHistory.Types.ps1xml"));
        foreach (var type in types.Root!.Elements("Type"))
        {
            var clr = core.GetType(type.Element("Name")!.Value);
            Assert.NotNull(clr);
            foreach (var property in type.Descendants("ReferencedProperties").Elements("Name"))
            {
                Assert.NotNull(clr!.GetProperty(property.Value));
            }
        }

        var format = XDocument.Load(Path.Combine(module.Directory, "ChatHistory.Format.ps1xml"));
        foreach (var view in format.Descendants("View"))
        {
            var clr = core.GetType(view.Element("ViewSelectedBy")!.Element("TypeName")!.Value);
            Assert.NotNull(clr);
            foreach (var property in view.Descendants("PropertyName"))
            {
                Assert.NotNull(clr!.GetProperty(property.Value));
            }
        }
    }

    private static IEnumerable<string> ParameterNames(Type cmdlet) =>
        cmdlet.GetProperties().Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute")).Select(p => p.Name);

    [GeneratedRegex(@"CmdletsToExport\s*=\s*@\(([^)]*)\)")]
    private static partial Regex CmdletsToExport();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
