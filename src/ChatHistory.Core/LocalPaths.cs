namespace ChatHistory;

/// <summary>A path parameter as a full local path, checked before anything is read from a server.</summary>
internal static class LocalPaths
{
    /// <param name="kind">"file" or "folder", for the messages.</param>
    /// <param name="refused">Builds the parameter's own error from the path and the reason.</param>
    public static string Full(string path, string kind, Func<string, string, ChatHistoryException> refused)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw refused(path, $"it is empty. Give a {kind} path");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw refused(path, $"it contains a NUL character. Give a plain {kind} path");
        }

        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw refused(path, $"it is not a valid {kind} path ({exception.Message})");
        }
    }
}
