using System.Xml.Linq;

namespace ChatHistory.HelpBuilder;

/// <summary>Writes PowerShell's MAML help XML from cmdlet metadata and the help markdown.</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<(CmdletMetadata Cmdlet, HelpDocument Help)> cmdlets) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                cmdlets.Select(c => CommandElement(c.Cmdlet, c.Help))));

    private static XElement CommandElement(CmdletMetadata cmdlet, HelpDocument help) =>
        new(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", cmdlet.ParameterSets.Select(set => SyntaxItem(cmdlet, help, set))),
            new XElement(Command + "parameters", cmdlet.Parameters.Select(p => Parameter(p, help, p.Sets, p.RequiredInEverySet(cmdlet.ParameterSets)))),
            new XElement(Command + "inputTypes", help.Inputs.Select(i => TypeElement(Command + "inputType", i.Type, i.Text))),
            new XElement(Command + "returnValues", help.Outputs.Select(o => TypeElement(Command + "returnValue", o.Type, o.Text))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", help.Notes.Select(Para))),
            new XElement(Command + "examples", help.Examples.Select((e, i) => Example(e))),
            new XElement(Command + "relatedLinks", help.RelatedLinks.Select(link =>
                new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", link), new XElement(Maml + "uri")))));

    private static XElement SyntaxItem(CmdletMetadata cmdlet, HelpDocument help, string set) =>
        new(Command + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            cmdlet.Parameters
                .Where(p => p.In(set).Any())
                .OrderBy(p => p.In(set).First().Position ?? int.MaxValue)
                .ThenByDescending(p => p.In(set).First().Mandatory)
                .Select(p => Parameter(p, help, p.In(set).ToList(), p.In(set).Any(u => u.Mandatory))));

    private static XElement Parameter(ParameterMetadata parameter, HelpDocument help, IReadOnlyList<ParameterSetUsage> usages, bool mandatory)
    {
        var position = usages.Select(u => u.Position).FirstOrDefault(p => p is not null);
        var pipeline = PipelineInput(usages);
        help.Parameters.TryGetValue(parameter.Name, out var text);
        return new XElement(Command + "parameter",
            new XAttribute("required", mandatory ? "true" : "false"),
            new XAttribute("variableLength", parameter.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", parameter.SupportsWildcards ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(text ?? []),
            parameter.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), parameter.ShortTypeName),
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.TypeName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.IsSwitch ? "False" : "None"));
    }

    private static string PipelineInput(IReadOnlyList<ParameterSetUsage> usages)
    {
        var byValue = usages.Any(u => u.FromPipeline);
        var byName = usages.Any(u => u.FromPipelineByPropertyName);
        return (byValue, byName) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };
    }

    private static XElement TypeElement(XName name, string type, string text) =>
        new(name, new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")), Description(text));

    private static XElement Example(HelpExample example) =>
        new(Command + "example",
            new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", example.Remarks.Select(Para)));

    private static XElement Description(string text) => Description([text]);

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", paragraphs.Select(Para));

    private static XElement Para(string text) => new(Maml + "para", text);
}
