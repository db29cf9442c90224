namespace ChatHistory.HelpBuilder;

/// <summary>One cmdlet's help as written in docs/help/&lt;Verb-Noun&gt;.md.</summary>
public sealed class HelpDocument
{
    public required string Name { get; init; }

    public string Synopsis { get; set; } = string.Empty;

    public List<string> Description { get; } = [];

    public List<HelpExample> Examples { get; } = [];

    public Dictionary<string, List<string>> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<(string Type, string Text)> Inputs { get; } = [];

    public List<(string Type, string Text)> Outputs { get; } = [];

    public List<string> Notes { get; } = [];

    public List<string> RelatedLinks { get; } = [];
}

public sealed record HelpExample(string Title, string Code, List<string> Remarks);
