using System.Numerics;
using ChatHistory.Model;

namespace ChatHistory.Providers;

/// <summary>The client-side half of a message query, for providers that cannot filter on the server.</summary>
public static class MessageFilter
{
    public static bool Accepts(ChatMessageQuery query, ChatMessage message)
    {
        if (query.Since is { } since && message.Timestamp < since)
        {
            return false;
        }

        return query.After is null || IsAfter(message.MessageId, query.After);
    }

    /// <summary>
    /// Numeric ids compare as numbers. Other ids (Rocket.Chat's random ids) carry no order: a
    /// provider with such ids resolves the cursor itself, and this check lets them through.
    /// </summary>
    public static bool IsAfter(string messageId, string after) =>
        !BigInteger.TryParse(messageId, out var id) || !BigInteger.TryParse(after, out var cursor) || id > cursor;
}
