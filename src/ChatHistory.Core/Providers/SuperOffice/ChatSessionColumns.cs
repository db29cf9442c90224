namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// The ChatSession archive columns the model needs, by their archive names, each one listed in the
/// vendor's reference (SuperOfficeDocs <c>docs/en/api/archive-providers/reference/chatsession.md</c>):
/// the archive answers 400 to a column it does not have. associateId is the id behind the agent's name.
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
    /// <summary>"ID: the login ID of the associate who owns the activity", restriction type associate.</summary>
    public const string AgentId = "associateId";
    public const string TimeInQueue = "timeInQueue";
    public const string TopicId = "chatTopic/chatTopicId";
    public const string TopicName = "chatTopic/name";
    public const string PersonId = "person/personId";
    public const string PersonName = "person/fullName";
    public const string ContactId = "contactId";
    public const string FirstMessage = "firstMessage";
    public const string LastMessage = "lastMessage";

    /// <summary>The $select list sent with every listing.</summary>
    public static readonly IReadOnlyList<string> Selected =
    [
        SessionId, WhenRequested, WhenStarted, WhenEnded, Duration, TimeInQueue, Rating, Status, Agent, AgentId,
        TopicId, TopicName, PersonId, PersonName, ContactId, FirstMessage, LastMessage,
    ];

    /// <summary>Status words of sessions that are over [guess: not documented].</summary>
    public static readonly IReadOnlyList<string> ClosedStatuses = ["Ended", "Missed"];

    /// <summary>Status words of sessions still waiting or running [guess: not documented].</summary>
    public static readonly IReadOnlyList<string> OpenStatuses = ["Requested", "Started"];

    public static bool IsClosedStatus(string? status) =>
        status is not null && ClosedStatuses.Contains(status, StringComparer.OrdinalIgnoreCase);
}
