using System.Text;
using ChatHistory.Export;
using ChatHistory.Model;

namespace ChatHistory.Archive;

/// <summary>
/// sessions.csv: one row per archived session, the session's own columns (as ConvertTo-ChatRecord
/// writes them: ISO 8601, enum names, invariant culture) after the folder that holds its files, and
/// the last message archived. Unlike the message files it may be rewritten, always whole: a new
/// temporary file renamed over the old one, and only when a row changed.
/// </summary>
internal sealed class ArchiveIndex
{
    public const string FileName = "sessions.csv";

    private const string FolderColumn = "Folder";
    private const string LastMessageIdColumn = "LastMessageId";
    private const string ArchivedAtColumn = "ArchivedAt";

    private static readonly string[] SessionColumns =
        FlatRecord.Of(new ChatSession(), includeRaw: false).Select(pair => pair.Key).ToArray();

    private static readonly string[] Columns = [FolderColumn, .. SessionColumns, LastMessageIdColumn, ArchivedAtColumn];

    private readonly object gate = new();
    private readonly string path;
    private readonly Dictionary<string, Dictionary<string, string>> rows = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private bool changed;

    private ArchiveIndex(string path) => this.path = path;

    public static ArchiveIndex Load(string root)
    {
        var index = new ArchiveIndex(Path.Combine(root, FileName));
        if (!File.Exists(index.path))
        {
            return index;
        }

        var table = CsvText.Parse(File.ReadAllText(index.path, Encoding.UTF8));
        if (table.Count == 0)
        {
            return index;
        }

        var header = table[0];
        foreach (var cells in table.Skip(1))
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count && i < cells.Count; i++)
            {
                row[header[i]] = cells[i];
            }

            index.Put(Key(row.GetValueOrDefault(FolderColumn, string.Empty), row.GetValueOrDefault(nameof(ChatSession.SessionId), string.Empty)), row);
        }

        index.changed = false;
        return index;
    }

    /// <summary>The session's columns as read now; the archive columns stay as they were.</summary>
    public void Update(string folder, ChatSession session)
    {
        lock (gate)
        {
            var key = Key(folder, session.SessionId);
            var row = rows.TryGetValue(key, out var existing) ? new Dictionary<string, string>(existing, StringComparer.Ordinal) : [];
            row[FolderColumn] = folder;
            foreach (var (column, value) in FlatRecord.Of(session, includeRaw: false))
            {
                row[column] = value ?? string.Empty;
            }

            Put(key, row);
        }
    }

    /// <summary>Records that the session's messages up to this one are in the archive's files.</summary>
    public void Archived(string folder, string sessionId, string lastMessageId, DateTimeOffset at)
    {
        lock (gate)
        {
            var key = Key(folder, sessionId);
            var row = rows.TryGetValue(key, out var existing)
                ? new Dictionary<string, string>(existing, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal) { [FolderColumn] = folder, [nameof(ChatSession.SessionId)] = sessionId };
            row[LastMessageIdColumn] = lastMessageId;
            row[ArchivedAtColumn] = FlatRecord.Date(at)!;
            Put(key, row);
        }
    }

    /// <summary>Writes the file when a row changed since it was read or last saved.</summary>
    public void Save()
    {
        string text;
        lock (gate)
        {
            if (!changed)
            {
                return;
            }

            var builder = new StringBuilder();
            builder.Append(CsvText.Row(Columns)).Append("\r\n");
            foreach (var key in order)
            {
                var row = rows[key];
                builder.Append(CsvText.Row(Columns.Select(column => row.GetValueOrDefault(column)))).Append("\r\n");
            }

            text = builder.ToString();
            changed = false;
        }

        try
        {
            ArchiveFiles.WriteAtomically(path, Encoding.UTF8.GetBytes(text));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw ArchiveFolder.Refused(Path.GetDirectoryName(path)!, $"writing {FileName} failed ({exception.Message})");
        }
    }

    private void Put(string key, Dictionary<string, string> row)
    {
        if (rows.TryGetValue(key, out var existing))
        {
            if (existing.Count == row.Count && existing.All(pair => row.TryGetValue(pair.Key, out var value) && value == pair.Value))
            {
                return;
            }
        }
        else
        {
            order.Add(key);
        }

        rows[key] = row;
        changed = true;
    }

    private static string Key(string folder, string sessionId) => folder + "\n" + sessionId;
}
