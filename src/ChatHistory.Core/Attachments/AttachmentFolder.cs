namespace ChatHistory.Attachments;

/// <summary>
/// The folder attachments are saved to: a partial download lives under a temporary name, and a
/// finished one is moved to its safe name, with " (2)", " (3)" ... when that name is taken, so
/// that nothing already there is overwritten and a crash never leaves half a file under a real name.
/// </summary>
public static class AttachmentFolder
{
    private const int MaxSuffix = 10_000;

    /// <summary>The folder's full path, created when missing.</summary>
    public static string Prepare(string directory)
    {
        string full;
        try
        {
            full = Path.GetFullPath(directory);
            Directory.CreateDirectory(full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"The folder '{directory}' cannot be created or used: {exception.Message}")
            {
                Hint = "Give -Path a folder this account may write to.",
            };
        }

        return full;
    }

    /// <summary>A new, empty temporary file in the folder, named so that it is never taken for an attachment.</summary>
    internal static (string Path, FileStream Stream) CreateTemporary(string folder)
    {
        var path = System.IO.Path.Combine(folder, $".chathistory-{Guid.NewGuid():N}.partial");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 81920, useAsync: true);
        return (path, stream);
    }

    /// <summary>Moves the finished download to its name, or the first free suffixed one; returns the final path.</summary>
    internal static string MoveToFreeName(string temporary, string folder, string safeName)
    {
        for (var number = 1; number <= MaxSuffix; number++)
        {
            var name = number == 1 ? safeName : SafeFileName.WithSuffix(safeName, number);
            var target = Inside(folder, name);
            if (File.Exists(target) || Directory.Exists(target))
            {
                continue;
            }

            try
            {
                File.Move(temporary, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target) || Directory.Exists(target))
            {
                // Taken meanwhile by another download: try the next suffix.
            }
        }

        throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"The folder '{folder}' already holds {MaxSuffix} files named like '{safeName}'.");
    }

    /// <summary>The full path of a name in the folder, refused unless it is directly inside the folder.</summary>
    internal static string Inside(string folder, string name)
    {
        var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, name));
        var parent = System.IO.Path.GetDirectoryName(target);
        if (!string.Equals(
                System.IO.Path.TrimEndingDirectorySeparator(parent ?? string.Empty),
                System.IO.Path.TrimEndingDirectorySeparator(folder),
                OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"The file name '{name}' would leave the folder '{folder}'.");
        }

        return target;
    }

    internal static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover .partial file is harmless and named as such.
        }
    }
}
