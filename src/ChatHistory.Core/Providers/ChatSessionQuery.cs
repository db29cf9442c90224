using ChatHistory.Model;

namespace ChatHistory.Providers;

/// <summary>
/// What Get-ChatSession asks for. Each provider sends to the server what its API can filter and
/// applies the rest itself (see <see cref="SessionFilter"/>).
/// </summary>
public sealed record ChatSessionQuery
{
    /// <summary>Sessions started at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Sessions started before this instant.</summary>
    public DateTimeOffset? Until { get; init; }

    public ChatSessionStatus Status { get; init; } = ChatSessionStatus.Any;

    /// <summary>Read exactly these sessions instead of listing.</summary>
    public IReadOnlyList<string> SessionIds { get; init; } = [];

    /// <summary>Agent ids or names, matched case-insensitively with * and ? (see <see cref="TextPattern"/>).</summary>
    public IReadOnlyList<string> AgentIds { get; init; } = [];

    /// <summary>Department, open line or chat topic.</summary>
    public string? Channel { get; init; }

    /// <summary>Tags, matched case-insensitively with * and ?.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Source { get; init; }

    public string? VisitorId { get; init; }

    /// <summary>The wire page size; each provider clamps it to its own maximum.</summary>
    public int? PageSize { get; init; }

    /// <summary>Provider-specific lookups (a Bitrix24 dialog id, a Kommo contact id, ...).</summary>
    public IReadOnlyDictionary<string, string> Lookup { get; init; } = new Dictionary<string, string>();
}
