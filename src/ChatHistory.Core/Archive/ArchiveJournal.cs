using System.Text.Json;

namespace ChatHistory.Archive;

/// <summary>
/// A commit written down before it is carried out: which finished temporary part files become which
/// part files, and where the sessions' cursors then stand. A run killed between the renames and the
/// cursor save leaves this file, and the next run completes the commit before reading anything, so
/// a message is never archived twice nor lost. Paths are relative to the archive folder.
/// </summary>
internal sealed record ArchiveJournal(List<PartRename> Parts, List<ArchivePosition> Positions)
{
    public const string FileName = "pending-commit.json";

    public static string PathIn(string root) => Path.Combine(root, FileName);

    public void Write(string root) =>
        ArchiveFiles.WriteAtomically(PathIn(root), JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The journal a dead run left, or null.</summary>
    public static ArchiveJournal? Read(string root)
    {
        var path = PathIn(root);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ArchiveJournal>(File.ReadAllBytes(path))
                ?? throw new JsonException("it is empty");
        }
        catch (JsonException exception)
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"The archive's commit journal '{path}' cannot be read: {exception.Message}")
            {
                Hint = "It was not written by ChatHistory. Move it away; the sessions of the last interrupted run may then be archived twice.",
            };
        }
    }
}
