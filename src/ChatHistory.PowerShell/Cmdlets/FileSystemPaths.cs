using System.Management.Automation;
using ChatHistory;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>A path parameter as a file-system path, whatever the current location; other drives are refused.</summary>
internal static class FileSystemPaths
{
    /// <param name="refused">Builds the parameter's own error from the path and the reason.</param>
    public static string Resolve(SessionState sessionState, string path, Func<string, string, ChatHistoryException> refused)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = sessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception exception) when (exception is not PipelineStoppedException)
        {
            throw refused(path, exception.Message);
        }

        if (provider.Name != "FileSystem")
        {
            throw refused(path, $"it is on the {provider.Name} drive, not a file-system drive");
        }

        return resolved;
    }
}
