using System.Globalization;
using ChatHistory.Model;

namespace ChatHistory.Engine;

/// <summary>
/// What -SessionId (given or piped) may be: a session, an id, or a row with a SessionId,
/// ConversationId or RoomId column. Anything else (a hashtable, a date, a connection, a CSV row
/// without an id column) is refused before any request instead of becoming a request for a session
/// named after its text.
/// </summary>
public static class SessionInput
{
    private static readonly string[] IdColumns = ["SessionId", "ConversationId", "RoomId"];

    /// <param name="propertyOf">Reads a property of the value as PowerShell sees it (null when it has none).</param>
    public static string IdOf(object? value, Func<string, object?> propertyOf)
    {
        var id = value switch
        {
            string text => text,
            ChatSession session => session.SessionId,
            int or long or short or uint or ulong or ushort or byte or sbyte => Convert.ToString(value, CultureInfo.InvariantCulture),
            null => null,
            _ => IdColumns.Select(propertyOf).FirstOrDefault(column => column is not null) is { } column
                ? column is string or int or long ? Convert.ToString(column, CultureInfo.InvariantCulture) : null
                : throw NotASession(value),
        };
        return Providers.QueryArguments.CheckId(id, "-SessionId") is { } blank ? throw blank : id!;
    }

    private static ChatHistoryException NotASession(object value) =>
        new(ChatErrorKind.InvalidArgument, $"A {value.GetType().Name} is not a session: it has no SessionId, ConversationId or RoomId.")
        {
            Hint = "Pipe in Get-ChatSession's output, session ids, or rows (Import-Csv) with a SessionId or ConversationId column.",
        };
}
