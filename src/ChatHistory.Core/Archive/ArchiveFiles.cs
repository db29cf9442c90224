namespace ChatHistory.Archive;

/// <summary>
/// The archive's temporary files: "." + the final name + ".tmp", in the final file's folder so that
/// the rename is atomic. Whatever has that shape when a run starts was left by a run that died.
/// </summary>
internal static class ArchiveFiles
{
    public const string TemporarySuffix = ".tmp";

    public static string TemporaryFor(string finalPath) =>
        Path.Combine(Path.GetDirectoryName(finalPath)!, "." + Path.GetFileName(finalPath) + TemporarySuffix);

    public static bool IsTemporary(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(TemporarySuffix, StringComparison.Ordinal);
    }

    /// <summary>Writes the whole content to a temporary file, flushes it to disk, and renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, byte[] content)
    {
        var temporary = TemporaryFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Deletes the temporary files of runs that died; returns how many.</summary>
    public static int DeleteStale(string root)
    {
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(root, ".*" + TemporarySuffix, SearchOption.AllDirectories))
        {
            if (IsTemporary(file))
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }
}
