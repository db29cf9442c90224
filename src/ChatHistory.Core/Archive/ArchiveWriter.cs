using System.Globalization;
using ChatHistory.Model;

namespace ChatHistory.Archive;

/// <summary>
/// Writes one connection's messages into JSON Lines part files in its folder of the archive:
/// "&lt;session&gt;.0001.jsonl" (-SplitBy Session) or "&lt;yyyy-MM-dd&gt;.0001.jsonl" (-SplitBy Day,
/// the message's UTC date). Lines go to temporary files; <see cref="Commit"/> renames them into
/// place and only then moves the cursors. A part file, once in place, is never opened again: new
/// messages of a later run go into the next part number.
/// </summary>
internal sealed class ArchiveWriter(ArchiveFolder archive, string folder, string serverIdentity, ArchiveSplit split, bool includeRaw) : IDisposable
{
    private const string Extension = ".jsonl";

    private readonly string directory = Path.Combine(archive.Root, folder);
    private readonly Dictionary<string, OpenPart> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChatMessage> lastOfSession = new(StringComparer.Ordinal);
    private Dictionary<string, int>? highestPart;

    /// <summary>The connection's folder, relative to the archive.</summary>
    public string Folder => folder;

    /// <summary>Temporary part files written since the last commit.</summary>
    public int OpenParts => open.Count;

    /// <summary>Messages written since the last commit.</summary>
    public long PendingMessages { get; private set; }

    public void Write(ChatMessage message)
    {
        var group = split == ArchiveSplit.Session
            ? SessionFileName.Of(message.SessionId)
            : message.Timestamp.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            if (!open.TryGetValue(group, out var part))
            {
                part = OpenPart.Create(NextPartPath(group));
                open[group] = part;
            }

            part.Write(ArchiveJson.Line(message, includeRaw));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw ArchiveFolder.Refused(archive.Root, $"writing a part file failed ({exception.Message})");
        }

        lastOfSession[message.SessionId] = message;
        PendingMessages++;
    }

    /// <summary>Puts every part written since the last commit in place and moves those sessions' cursors.</summary>
    public ArchiveCommit Commit()
    {
        if (open.Count == 0)
        {
            return ArchiveCommit.Empty;
        }

        foreach (var part in open.Values)
        {
            part.Close();
        }

        var positions = lastOfSession.Values.Select(message => ArchivePosition.Of(serverIdentity, message)).ToList();
        try
        {
            archive.Commit(open.Values.Select(p => new PartRename(p.Temporary, p.Final)).ToList(), positions);
        }
        catch
        {
            // The journal may name these temporary files: they are the next run's to complete, not to delete.
            open.Clear();
            lastOfSession.Clear();
            PendingMessages = 0;
            throw;
        }

        var committed = new ArchiveCommit(PendingMessages, open.Count, open.Values.Sum(p => p.Bytes), positions);
        open.Clear();
        lastOfSession.Clear();
        PendingMessages = 0;
        return committed;
    }

    /// <summary>Drops what was written since the last commit: those messages are read again next time.</summary>
    public void Abandon()
    {
        foreach (var part in open.Values)
        {
            part.Close();
            File.Delete(part.Temporary);
        }

        open.Clear();
        lastOfSession.Clear();
        PendingMessages = 0;
    }

    /// <summary>
    /// An empty folder for one message's attachments: attachments/&lt;session&gt;/&lt;message&gt;. A message
    /// read again was never committed (the cursor would have skipped it), so whatever an earlier,
    /// interrupted run saved there is removed first: every file is in the archive once.
    /// </summary>
    public string AttachmentDirectory(ChatMessage message)
    {
        var path = Path.Combine(directory, "attachments", SessionFileName.Of(message.SessionId), SessionFileName.Of(message.MessageId));
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }

            return Directory.CreateDirectory(path).FullName;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw ArchiveFolder.Refused(archive.Root, $"preparing the attachment folder '{path}' failed ({exception.Message})");
        }
    }

    public void Dispose() => Abandon();

    private string NextPartPath(string group)
    {
        highestPart ??= ScanParts();
        var next = highestPart.GetValueOrDefault(group) + 1;
        highestPart[group] = next;
        return Path.Combine(directory, $"{group}.{next.ToString("D4", CultureInfo.InvariantCulture)}{Extension}");
    }

    /// <summary>The highest part number of each group on disk, read once per run.</summary>
    private Dictionary<string, int> ScanParts()
    {
        Directory.CreateDirectory(directory);
        var parts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var dot = name.LastIndexOf('.');
            if (dot > 0 && int.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                var group = name[..dot];
                parts[group] = Math.Max(number, parts.GetValueOrDefault(group));
            }
        }

        return parts;
    }

    private sealed class OpenPart(string final, FileStream stream)
    {
        private bool closed;

        public string Final => final;

        public string Temporary => stream.Name;

        public long Bytes { get; private set; }

        public static OpenPart Create(string final) =>
            new(final, new FileStream(ArchiveFiles.TemporaryFor(final), FileMode.Create, FileAccess.Write, FileShare.None));

        public void Write(byte[] line)
        {
            stream.Write(line);
            Bytes += line.Length;
        }

        public void Close()
        {
            if (!closed)
            {
                closed = true;
                stream.Flush(flushToDisk: true);
                stream.Dispose();
            }
        }
    }
}

/// <summary>What one commit put in place.</summary>
internal sealed record ArchiveCommit(long Messages, int Parts, long Bytes, IReadOnlyList<ArchivePosition> Positions)
{
    public static readonly ArchiveCommit Empty = new(0, 0, 0, []);
}
