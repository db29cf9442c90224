using ChatHistory.Model;

namespace ChatHistory.Engine;

/// <summary>One thing Get-ChatMessage emits: a message, or the error that ended a session's read.</summary>
public sealed record MessageStreamItem(ChatMessage? Message, ChatHistoryException? Error)
{
    public static MessageStreamItem Of(ChatMessage message) => new(message, null);

    public static MessageStreamItem Failed(ChatHistoryException error) => new(null, error);
}
