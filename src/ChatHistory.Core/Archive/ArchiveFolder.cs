using ChatHistory.Engine.Cursors;

namespace ChatHistory.Archive;

/// <summary>
/// An archive folder opened for one run: locked against other runs, left by a dead run repaired
/// (its journal completed, its temporary files deleted), with its cursor file (the same format as
/// Get-ChatMessage -CursorPath) and its sessions.csv index.
/// </summary>
public sealed class ArchiveFolder : IDisposable
{
    public const string CursorFileName = "cursor.json";
    public const string LockFileName = "archive.lock";

    private readonly FileStream lockFile;

    private ArchiveFolder(string root, FileStream lockFile, MessageCursorStore cursors, ArchiveIndex index)
    {
        Root = root;
        this.lockFile = lockFile;
        Cursors = cursors;
        Index = index;
    }

    /// <summary>The full path of the folder.</summary>
    public string Root { get; }

    internal MessageCursorStore Cursors { get; }

    internal ArchiveIndex Index { get; }

    /// <summary>Creates the folder if needed, takes its lock and repairs what a dead run left.</summary>
    /// <param name="warn">Told about repairs and damaged cursor entries.</param>
    public static ArchiveFolder Open(string path, Action<string>? warn = null)
    {
        var root = Validate(path);
        FileStream lockFile;
        try
        {
            Directory.CreateDirectory(root);
            lockFile = new FileStream(Path.Combine(root, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (File.Exists(Path.Combine(root, LockFileName)))
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"The archive folder '{root}' is in use by another Export-ChatHistory run ({exception.Message}).")
            {
                Hint = "Wait for the other run to end; two runs must not write one archive at the same time.",
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Refused(root, $"it cannot be created or written ({exception.Message})");
        }

        try
        {
            var cursors = MessageCursorStore.Open(Path.Combine(root, CursorFileName), warn);
            Recover(root, cursors, warn);
            return new ArchiveFolder(root, lockFile, cursors, ArchiveIndex.Load(root));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            lockFile.Dispose();
            throw Refused(root, $"it cannot be read or written ({exception.Message})");
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Puts finished temporary part files in place and then moves the cursors past their messages,
    /// through the journal, so that an interruption at any point is either undone (temporary files
    /// deleted, messages read again) or completed by the next run.
    /// </summary>
    internal void Commit(IReadOnlyList<PartRename> parts, IReadOnlyList<ArchivePosition> positions)
    {
        try
        {
            var journal = new ArchiveJournal(
                parts.Select(p => new PartRename(Path.GetRelativePath(Root, p.Temporary), Path.GetRelativePath(Root, p.Final))).ToList(),
                positions.ToList());
            journal.Write(Root);
            Apply(Root, journal, Cursors);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Refused(Root, $"writing to it failed ({exception.Message})");
        }
    }

    public void Dispose() => lockFile.Dispose();

    private static void Recover(string root, MessageCursorStore cursors, Action<string>? warn)
    {
        if (ArchiveJournal.Read(root) is { } journal)
        {
            warn?.Invoke($"The last run on '{root}' was interrupted while it committed {journal.Parts.Count} part files; that commit is completed now.");
            Apply(root, journal, cursors);
        }

        ArchiveFiles.DeleteStale(root);
    }

    private static void Apply(string root, ArchiveJournal journal, MessageCursorStore cursors)
    {
        foreach (var part in journal.Parts)
        {
            var temporary = Path.Combine(root, part.Temporary);
            var final = Path.Combine(root, part.Final);
            // A part already renamed (by the run that died after it) has no temporary file left.
            if (File.Exists(temporary) && !File.Exists(final))
            {
                File.Move(temporary, final);
            }
        }

        foreach (var position in journal.Positions)
        {
            cursors.Advance(position.ServerIdentity, position.AsMessage());
        }

        cursors.Save();
        File.Delete(ArchiveJournal.PathIn(root));
    }

    private static string Validate(string path)
    {
        var full = LocalPaths.Full(path, "folder", Refused);
        return File.Exists(full) ? throw Refused(full, "it is a file, not a folder") : full;
    }

    public static ChatHistoryException Refused(string path, string reason) =>
        new(ChatErrorKind.InvalidArgument, $"-Path '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' cannot be used as an archive folder: {reason.TrimEnd('.')}.")
        {
            Hint = "Give -Path a folder (created when missing) on a file-system drive that this account may write to.",
        };
}
