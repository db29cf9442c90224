using ChatHistory.Connections;
using ChatHistory.Model;

namespace ChatHistory.Archive;

/// <summary>
/// Where Export-ChatHistory -IncludeAttachments saves a message's files: the seam for the
/// attachment downloader (Core/Attachments), so that the archive neither downloads nor names files
/// itself.
/// </summary>
public interface IArchiveAttachmentStore
{
    /// <summary>
    /// Saves one attachment into <paramref name="directory"/> (which exists); returns the bytes
    /// written, or null when there was nothing to save (a link, a file over a size limit).
    /// </summary>
    /// <exception cref="ChatHistoryException">The attachment could not be saved; the archive reports it and goes on.</exception>
    Task<long?> SaveAsync(ChatConnection connection, ChatMessage message, ChatAttachment attachment, string directory, CancellationToken cancellationToken);
}
