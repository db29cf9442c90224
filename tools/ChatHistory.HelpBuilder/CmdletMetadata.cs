using System.Collections.ObjectModel;
using System.Reflection;

namespace ChatHistory.HelpBuilder;

/// <summary>A cmdlet as its attributes describe it, read without running PowerShell.</summary>
public sealed record CmdletMetadata(
    string Verb,
    string Noun,
    string TypeName,
    string? DefaultParameterSet,
    bool SupportsPaging,
    bool SupportsShouldProcess,
    IReadOnlyList<string> OutputTypes,
    IReadOnlyList<ParameterMetadata> Parameters)
{
    public string Name => $"{Verb}-{Noun}";

    public IReadOnlyList<string> ParameterSets =>
        Parameters.SelectMany(p => p.Sets.Select(s => s.Name)).Where(n => n != ParameterSetUsage.AllSets).Distinct().DefaultIfEmpty(ParameterSetUsage.AllSets).ToList();

    public static IEnumerable<CmdletMetadata> ReadAll(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract)
            .Select(t => (Type: t, Cmdlet: Attribute(t.GetCustomAttributesData(), "System.Management.Automation.CmdletAttribute")))
            .Where(x => x.Cmdlet is not null)
            .Select(x => Read(x.Type, x.Cmdlet!))
            .OrderBy(c => c.Name, StringComparer.Ordinal);

    private static CmdletMetadata Read(Type type, CustomAttributeData cmdlet)
    {
        var outputs = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => Values(a.ConstructorArguments[0]))
            .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? string.Empty)
            .ToList();
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(ParameterMetadata.TryRead)
            .OfType<ParameterMetadata>()
            .ToList();
        if (Named(cmdlet, "SupportsPaging") is true)
        {
            parameters.AddRange(ParameterMetadata.Paging);
        }

        return new CmdletMetadata(
            (string)cmdlet.ConstructorArguments[0].Value!,
            (string)cmdlet.ConstructorArguments[1].Value!,
            type.FullName!,
            Named(cmdlet, "DefaultParameterSetName") as string,
            Named(cmdlet, "SupportsPaging") is true,
            Named(cmdlet, "SupportsShouldProcess") is true,
            outputs,
            parameters);
    }

    internal static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == fullName);

    internal static object? Named(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name)
            {
                return argument.TypedValue.Value;
            }
        }

        return null;
    }

    internal static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [argument.Value];
}

/// <summary>How a parameter takes part in one parameter set.</summary>
public sealed record ParameterSetUsage(string Name, bool Mandatory, int? Position, bool FromPipeline, bool FromPipelineByPropertyName)
{
    public const string AllSets = "__AllParameterSets";
}

public sealed record ParameterMetadata(
    string Name, string TypeName, string ShortTypeName, bool IsSwitch, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterSetUsage> Sets, bool SupportsWildcards = false)
{
    private static readonly IReadOnlyList<ParameterSetUsage> AnySet = [new(ParameterSetUsage.AllSets, false, null, false, false)];

    /// <summary>What [Cmdlet(SupportsPaging = true)] adds at run time, so that help documents it too.</summary>
    public static readonly IReadOnlyList<ParameterMetadata> Paging =
    [
        new("First", "System.UInt64", "UInt64", false, [], AnySet),
        new("Skip", "System.UInt64", "UInt64", false, [], AnySet),
        new("IncludeTotalCount", "System.Management.Automation.SwitchParameter", "SwitchParameter", true, [], AnySet),
    ];

    /// <summary>Required only when every parameter set of the cmdlet has it and requires it.</summary>
    public bool RequiredInEverySet(IReadOnlyList<string> cmdletSets) =>
        cmdletSets.All(set => In(set).Any(usage => usage.Mandatory));

    public static ParameterMetadata? TryRead(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var sets = attributes
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute")
            .Select(a => new ParameterSetUsage(
                CmdletMetadata.Named(a, "ParameterSetName") as string ?? ParameterSetUsage.AllSets,
                CmdletMetadata.Named(a, "Mandatory") is true,
                CmdletMetadata.Named(a, "Position") is int position && position >= 0 ? position : null,
                CmdletMetadata.Named(a, "ValueFromPipeline") is true,
                CmdletMetadata.Named(a, "ValueFromPipelineByPropertyName") is true))
            .ToList();
        if (sets.Count == 0)
        {
            return null;
        }

        var aliases = attributes
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
            .SelectMany(a => CmdletMetadata.Values(a.ConstructorArguments[0]))
            .OfType<string>()
            .ToList();
        // Types from a MetadataLoadContext do not compare with typeof(Nullable<>): match by name.
        var type = property.PropertyType is { IsGenericType: true } generic && generic.GetGenericTypeDefinition().FullName == "System.Nullable`1"
            ? generic.GetGenericArguments()[0]
            : property.PropertyType;
        return new ParameterMetadata(
            property.Name,
            type.FullName ?? type.Name,
            type.Name,
            type.FullName == "System.Management.Automation.SwitchParameter",
            aliases,
            sets,
            attributes.Any(a => a.AttributeType.FullName == "System.Management.Automation.SupportsWildcardsAttribute"));
    }

    public IEnumerable<ParameterSetUsage> In(string set) =>
        Sets.Where(s => s.Name == set || s.Name == ParameterSetUsage.AllSets);
}
