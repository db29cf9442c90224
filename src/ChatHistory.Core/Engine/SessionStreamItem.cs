using ChatHistory.Model;

namespace ChatHistory.Engine;

/// <summary>One thing Get-ChatSession emits: a session, or the error of one session asked for by id.</summary>
public sealed record SessionStreamItem(ChatSession? Session, ChatHistoryException? Error)
{
    public static SessionStreamItem Of(ChatSession session) => new(session, null);

    public static SessionStreamItem Failed(ChatHistoryException error) => new(null, error);
}
