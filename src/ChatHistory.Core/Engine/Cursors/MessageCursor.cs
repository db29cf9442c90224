using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatHistory.Engine.Cursors;

/// <summary>Where a session was last read up to.</summary>
public sealed record MessageCursor(string LastMessageId, DateTimeOffset LastTimestamp)
{
    /// <summary>An entry of the cursor file, or null when it is missing a field or has the wrong shape.</summary>
    internal static MessageCursor? TryRead(JsonNode? entry)
    {
        try
        {
            return entry is JsonObject
                && entry.Deserialize<MessageCursor>() is { LastMessageId: { Length: > 0 } } cursor
                && cursor.LastTimestamp != default
                ? cursor
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
