using System.Text.Json;
using ChatHistory.Model;

namespace ChatHistory.Engine;

/// <summary>
/// The last message read from each session, kept in a JSON file between runs so that a scheduled
/// task reads only what is new. The file is replaced atomically, so a run that dies midway leaves
/// the previous state (or the state up to the last save) intact.
/// </summary>
public sealed class MessageCursorStore
{
    private static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true };

    private readonly string path;
    private readonly Dictionary<string, MessageCursor> cursors;

    private MessageCursorStore(string path, Dictionary<string, MessageCursor> cursors)
    {
        this.path = path;
        this.cursors = cursors;
    }

    public static MessageCursorStore Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return new MessageCursorStore(full, new Dictionary<string, MessageCursor>(StringComparer.Ordinal));
        }

        try
        {
            var loaded = JsonSerializer.Deserialize<Dictionary<string, MessageCursor>>(File.ReadAllText(full)) ?? [];
            return new MessageCursorStore(full, new Dictionary<string, MessageCursor>(loaded, StringComparer.Ordinal));
        }
        catch (JsonException exception)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument, $"The cursor file '{full}' is not a ChatHistory cursor file: {exception.Message}");
        }
    }

    public MessageCursor? Get(ChatProviderKind provider, string connection, string sessionId) =>
        cursors.GetValueOrDefault(Key(provider, connection, sessionId));

    /// <summary>Moves the session's cursor to this message when it is newer than the cursor.</summary>
    public void Advance(ChatMessage message)
    {
        var key = Key(message.Provider, message.Connection, message.SessionId);
        if (cursors.TryGetValue(key, out var existing) && existing.LastTimestamp > message.Timestamp)
        {
            return;
        }

        cursors[key] = new MessageCursor(message.MessageId, message.Timestamp);
    }

    public void Save()
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(cursors, FileFormat));
        File.Move(temporary, path, overwrite: true);
    }

    // Connection names differ between machines less than URLs do, and hold no secret.
    private static string Key(ChatProviderKind provider, string connection, string sessionId) => $"{provider}|{connection}|{sessionId}";
}

/// <summary>Where a session was last read up to.</summary>
public sealed record MessageCursor(string LastMessageId, DateTimeOffset LastTimestamp);
