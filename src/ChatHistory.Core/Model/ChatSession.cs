namespace ChatHistory.Model;

/// <summary>
/// One conversation (a Rocket.Chat room, a Bitrix24 session, a SuperOffice chat session, a Kommo
/// conversation). Flat and of the same shape for every provider, so that one CSV holds them all.
/// </summary>
public sealed class ChatSession
{
    public ChatProviderKind Provider { get; init; }

    /// <summary>The name of the connection the session was read through.</summary>
    public string Connection { get; init; } = string.Empty;

    public string SessionId { get; init; } = string.Empty;

    /// <summary>The provider's chat or room id when it differs from the session id.</summary>
    public string? ChatId { get; init; }

    public string? Title { get; init; }

    /// <summary>
    /// Open or Closed for every platform (the words -Status filters on; see
    /// <see cref="ChatSessionStatusWords"/>); null when the platform does not say.
    /// </summary>
    public string? Status { get; init; }

    /// <summary>The platform's own status word (Answered, Ended, Missed, Spam, ...), when it has one.</summary>
    public string? ProviderStatus { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public DateTimeOffset? LastMessageAt { get; init; }

    public string? VisitorId { get; init; }

    public string? VisitorName { get; init; }

    public string? AgentId { get; init; }

    public string? AgentName { get; init; }

    /// <summary>The queue the chat came through: department, open line or chat topic.</summary>
    public string? Channel { get; init; }

    /// <summary>Where the visitor wrote from (widget, telegram, email, ...).</summary>
    public string? Source { get; init; }

    public int? MessageCount { get; init; }

    public string[] Tags { get; init; } = [];

    /// <summary>The tags joined with "; ", for CSV.</summary>
    public string TagList => string.Join("; ", Tags);

    /// <summary>The provider's original JSON for the session.</summary>
    public string? Raw { get; init; }

    public override string ToString() => $"{Provider}:{SessionId}";
}
