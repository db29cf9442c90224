namespace ChatHistory.Engine.Cursors;

/// <summary>
/// Checks a cursor file's path before anything is read from a server, so that a run never fails
/// to save what it has already emitted.
/// </summary>
public static class CursorFilePath
{
    /// <summary>The full path, or an InvalidArgument error that names the path and what to do.</summary>
    public static string Validate(string path)
    {
        var full = LocalPaths.Full(path, "file", Refused);
        if (Directory.Exists(full))
        {
            throw Refused(full, "it is a folder. Give the path of a file inside it, such as " + Path.Combine(full, "cursor.json"));
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw Refused(full, $"the folder '{folder}' does not exist (or is a file). Create the folder first");
        }

        ProbeWritable(full, folder);
        return full;
    }

    private static void ProbeWritable(string full, string folder)
    {
        try
        {
            if (File.Exists(full))
            {
                if (File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly))
                {
                    throw Refused(full, "the file is read-only. Clear its read-only attribute or choose another file");
                }

                using (new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                }
            }

            // The lock file is needed at every save anyway; making it now proves the folder is writable.
            using (CursorFileLock.Create(full))
            {
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Refused(full, $"it cannot be written in '{folder}' ({exception.Message}). Choose a folder this account may write to");
        }
    }

    /// <summary>The InvalidArgument error for a cursor path, naming it (a NUL shown as \0).</summary>
    public static ChatHistoryException Refused(string path, string reason) =>
        new(ChatErrorKind.InvalidArgument, $"-CursorPath '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' cannot be used: {reason.TrimEnd('.')}.")
        {
            Hint = "Give -CursorPath a file in an existing folder that this account may write to, on a file-system drive.",
        };
}
