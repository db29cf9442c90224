using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatHistory.Model;

namespace ChatHistory.Engine.Cursors;

/// <summary>
/// The last message delivered from each session, kept in a JSON file between runs so that a
/// scheduled task reads only what is new. Entries are keyed by the server's identity (never a
/// secret) and the session id, so renaming a connection changes nothing and another server starts
/// afresh. Each save merges this run's entries into what is on disk under a lock and replaces the
/// file atomically, so processes sharing the file keep each other's entries and a run that dies
/// leaves the state of its last save.
/// </summary>
public sealed class MessageCursorStore
{
    private static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true };

    private readonly object gate = new();
    private readonly object saving = new();
    private readonly Dictionary<string, MessageCursor> cursors;
    private readonly Dictionary<string, MessageCursor> advanced = new(StringComparer.Ordinal);
    private readonly Action<string> warn;

    private MessageCursorStore(string path, Dictionary<string, MessageCursor> cursors, Action<string> warn)
    {
        FilePath = path;
        this.cursors = cursors;
        this.warn = warn;
    }

    /// <summary>The full path of the cursor file.</summary>
    public string FilePath { get; }

    /// <summary>How long a save waits for another process that holds the file's lock.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the path (see <see cref="CursorFilePath"/>) and reads the file if it exists.</summary>
    /// <param name="warn">Told about entries that are damaged and therefore read as missing.</param>
    public static MessageCursorStore Open(string path, Action<string>? warn = null)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void WarnOnce(string message)
        {
            lock (reported)
            {
                if (reported.Add(message))
                {
                    warn?.Invoke(message);
                }
            }
        }

        var full = CursorFilePath.Validate(path);
        RemoveTemporariesOfEndedProcesses(full);
        return new MessageCursorStore(full, Read(full, WarnOnce), WarnOnce);
    }

    /// <summary>The key of one session: the server's identity and the session id, nothing else.</summary>
    public static string Key(ChatProviderKind provider, string serverIdentity, string sessionId) =>
        $"{provider}|{serverIdentity}|{sessionId}";

    public MessageCursor? Get(ChatProviderKind provider, string serverIdentity, string sessionId)
    {
        lock (gate)
        {
            return cursors.GetValueOrDefault(Key(provider, serverIdentity, sessionId));
        }
    }

    /// <summary>Moves the session's cursor to this message when it is not older than the cursor.</summary>
    public void Advance(string serverIdentity, ChatMessage message)
    {
        var key = Key(message.Provider, serverIdentity, message.SessionId);
        var cursor = new MessageCursor(message.MessageId, message.Timestamp);
        lock (gate)
        {
            if (cursors.TryGetValue(key, out var existing) && existing.LastTimestamp > message.Timestamp)
            {
                return;
            }

            cursors[key] = cursor;
            advanced[key] = cursor;
        }
    }

    /// <summary>
    /// Merges the entries this run advanced into the file as it is now on disk (the newer cursor of
    /// a session wins) and replaces the file atomically. Entries of other sessions are left as the
    /// file has them, so a stale copy is never written back.
    /// </summary>
    public void Save(CancellationToken cancellationToken = default)
    {
        lock (saving)
        {
            Dictionary<string, MessageCursor> changes;
            lock (gate)
            {
                if (advanced.Count == 0)
                {
                    return;
                }

                changes = new Dictionary<string, MessageCursor>(advanced, StringComparer.Ordinal);
            }

            try
            {
                using (CursorFileLock.Acquire(FilePath, LockTimeout, cancellationToken))
                {
                    var merged = Read(FilePath, warn);
                    foreach (var (key, cursor) in changes)
                    {
                        if (!merged.TryGetValue(key, out var onDisk) || onDisk.LastTimestamp <= cursor.LastTimestamp)
                        {
                            merged[key] = cursor;
                        }
                    }

                    Replace(merged);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw CursorFilePath.Refused(FilePath, $"saving it failed ({exception.Message})");
            }

            lock (gate)
            {
                foreach (var (key, cursor) in changes)
                {
                    // Advanced again while this save ran: that newer cursor is saved next time.
                    if (advanced.TryGetValue(key, out var current) && current == cursor)
                    {
                        advanced.Remove(key);
                    }
                }
            }
        }
    }

    private void Replace(Dictionary<string, MessageCursor> entries)
    {
        var folder = Path.GetDirectoryName(FilePath)!;
        var temporary = Path.Combine(folder, $"{TemporaryPrefix(FilePath)}{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, new SortedDictionary<string, MessageCursor>(entries, StringComparer.Ordinal), FileFormat);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string TemporaryPrefix(string filePath) => $".{Path.GetFileName(filePath)}.";

    /// <summary>
    /// A run killed while it saved (SIGKILL, power loss) leaves its temporary file behind; the
    /// cursor itself is whole, because it is only ever replaced by a rename.
    /// </summary>
    private static void RemoveTemporariesOfEndedProcesses(string filePath)
    {
        var folder = Path.GetDirectoryName(filePath)!;
        var prefix = TemporaryPrefix(filePath);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var temporary in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
        {
            var owner = Path.GetFileName(temporary)[prefix.Length..].Split('.')[0];
            if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var processId) && !IsRunning(processId))
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Left for a later run: it is never read.
                }
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static Dictionary<string, MessageCursor> Read(string path, Action<string> warn)
    {
        var entries = new Dictionary<string, MessageCursor>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return entries;
        }

        JsonObject? document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException exception)
        {
            throw NotACursorFile(path, exception.Message);
        }

        if (document is null)
        {
            throw NotACursorFile(path, "its top level is not a JSON object");
        }

        foreach (var (key, value) in document)
        {
            if (MessageCursor.TryRead(value) is { } cursor)
            {
                entries[key] = cursor;
            }
            else
            {
                warn($"The cursor file '{path}' has a damaged entry '{key}'; it is treated as missing, so that session is read again from its start.");
            }
        }

        return entries;
    }

    private static ChatHistoryException NotACursorFile(string path, string reason) =>
        new(ChatErrorKind.InvalidArgument, $"The cursor file '{path}' is not a ChatHistory cursor file: {reason}")
        {
            Hint = "Point -CursorPath at a new file, or delete this one to read every session from its start.",
        };
}
