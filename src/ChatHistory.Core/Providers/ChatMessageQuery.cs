namespace ChatHistory.Providers;

/// <summary>What Get-ChatMessage asks for, for each session.</summary>
public sealed class ChatMessageQuery
{
    /// <summary>Only messages after this message id (an incremental pull's cursor).</summary>
    public string? After { get; init; }

    /// <summary>Only messages posted at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The wire page size; each provider clamps it to its own maximum.</summary>
    public int? PageSize { get; init; }

    public ChatMessageQuery WithAfter(string? after) =>
        new() { After = after, Since = Since, PageSize = PageSize };
}
