using ChatHistory.Attachments;
using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Model;

namespace ChatHistory.Archive;

/// <summary>
/// -IncludeAttachments: each file downloaded through its connection by the same
/// <see cref="AttachmentDownloader"/> as Save-ChatAttachment. Links have nothing to save; a file
/// over the size limit is skipped with a warning, as Save-ChatAttachment does.
/// </summary>
public sealed class DownloadedAttachments(long? maximumSize) : IArchiveAttachmentStore
{
    public async Task<long?> SaveAsync(
        ChatConnection connection, ChatMessage message, ChatAttachment attachment, string directory, CancellationToken cancellationToken)
    {
        var saved = await AttachmentDownloader.SaveAsync(connection, attachment, directory, maximumSize, cancellationToken).ConfigureAwait(false);
        if (saved.SkipReason == AttachmentSkipReason.TooLarge)
        {
            ChatLog.Current.Warning($"Session {message.SessionId}, message {message.MessageId}: {saved.SkipMessage}");
        }

        return saved.Saved ? saved.Bytes : null;
    }
}
