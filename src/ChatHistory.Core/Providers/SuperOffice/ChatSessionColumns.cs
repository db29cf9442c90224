namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// The ChatSession archive columns the model needs, by their archive names. The documented ones
/// come first; agentId and person/personId are the ids behind the agent and person names.
/// </summary>
public static class ChatSessionColumns
{
    public const string SessionId = "chatSessionId";
    public const string WhenRequested = "whenRequested";
    public const string WhenStarted = "whenStarted";
    public const string WhenEnded = "whenEnded";
    public const string Duration = "duration";
    public const string Rating = "rating";
    public const string Status = "status";
    public const string Agent = "agent";
    public const string AgentId = "agentId";
    public const string TopicName = "chatTopic/name";
    public const string PersonId = "person/personId";
    public const string PersonName = "person/fullName";
    public const string ContactId = "contactId";
    public const string FirstMessage = "firstMessage";
    public const string LastMessage = "lastMessage";

    /// <summary>The $select list sent with every listing.</summary>
    public static readonly IReadOnlyList<string> Selected =
    [
        SessionId, WhenRequested, WhenStarted, WhenEnded, Duration, Rating, Status, Agent, AgentId,
        TopicName, PersonId, PersonName, ContactId, FirstMessage, LastMessage,
    ];

    /// <summary>Status words of sessions that are over [guess: not documented].</summary>
    public static readonly IReadOnlyList<string> ClosedStatuses = ["Ended", "Missed"];

    /// <summary>Status words of sessions still waiting or running [guess: not documented].</summary>
    public static readonly IReadOnlyList<string> OpenStatuses = ["Requested", "Started"];

    public static bool IsClosedStatus(string? status) =>
        status is not null && ClosedStatuses.Contains(status, StringComparer.OrdinalIgnoreCase);
}
