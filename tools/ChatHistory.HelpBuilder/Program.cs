using System.Reflection;
using ChatHistory.HelpBuilder;

// dotnet ChatHistory.HelpBuilder.dll --assembly <cmdlets.dll> --references <dir> --sma <System.Management.Automation.dll>
//   --docs <docs/help> --out <...-Help.xml>
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1]);
string Option(string name) => options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
var paths = Directory.GetFiles(runtimeDirectory, "*.dll")
    .Concat(Directory.GetFiles(Option("references"), "*.dll"))
    .Append(Option("sma"))
    .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
    .Select(g => g.Last());
using var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(Option("assembly")));

var problems = new List<string>();
var documented = new List<(CmdletMetadata, HelpDocument)>();
foreach (var cmdlet in CmdletMetadata.ReadAll(assembly))
{
    var file = Path.Combine(Option("docs"), cmdlet.Name + ".md");
    var help = File.Exists(file) ? MarkdownHelpReader.Read(file) : null;
    problems.AddRange(HelpValidator.Problems(cmdlet, help));
    if (help is not null)
    {
        documented.Add((cmdlet, help));
    }
}

if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"error HELP001: {problem}");
    }

    return 1;
}

var output = Path.GetFullPath(Option("out"));
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
MamlWriter.Write(documented).Save(output);
Console.WriteLine($"HelpBuilder: {documented.Count} cmdlets -> {output}");
return 0;
