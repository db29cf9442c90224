using ChatHistory.Connections;
using ChatHistory.Model;

namespace ChatHistory.Attachments;

/// <summary>
/// Saves attachments to a folder through their connection: streamed to a temporary file, then
/// moved to a safe, free name inside the folder. Used by Save-ChatAttachment and by exports that
/// include attachments.
/// </summary>
public static class AttachmentDownloader
{
    private const int BufferSize = 81920;

    /// <summary>
    /// Saves one attachment into <paramref name="directory"/> (created when missing). Links and
    /// other non-files, and files larger than <paramref name="maximumSize"/>, are skipped rather
    /// than failed; a failure is a <see cref="ChatHistoryException"/> with no partial file left.
    /// </summary>
    /// <param name="progress">Told the bytes written so far, as they are written.</param>
    public static async Task<SavedAttachment> SaveAsync(
        ChatConnection connection,
        ChatAttachment attachment,
        string directory,
        long? maximumSize,
        CancellationToken cancellationToken,
        IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(attachment);
        if (!AttachmentUrl.IsFile(attachment))
        {
            return SavedAttachment.Skipped(attachment, AttachmentSkipReason.NotAFile, $"'{attachment}' is a {attachment.Kind ?? "link"} without a file to download.");
        }

        if (maximumSize is { } limit && attachment.Size > limit)
        {
            return TooLarge(attachment, limit, $"its size is {attachment.Size} bytes");
        }

        var folder = AttachmentFolder.Prepare(directory);
        var safeName = SafeFileName.From(NameOf(attachment));
        var download = await connection.OpenAttachmentAsync(attachment, cancellationToken).ConfigureAwait(false);
        await using (download.ConfigureAwait(false))
        {
            if (maximumSize is { } max && download.Length > max)
            {
                return TooLarge(attachment, max, $"the server announced {download.Length} bytes");
            }

            var (temporary, file) = CreateTemporary(folder, attachment);
            var moved = false;
            try
            {
                long written;
                await using (file.ConfigureAwait(false))
                {
                    written = await CopyAsync(connection, attachment, download.Body, file, maximumSize, progress, cancellationToken).ConfigureAwait(false);
                }

                if (written < 0)
                {
                    return TooLarge(attachment, maximumSize!.Value, "more bytes came than that");
                }

                var path = AttachmentFolder.MoveToFreeName(temporary, folder, safeName);
                moved = true;
                return SavedAttachment.To(attachment, path, written);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw WriteFailed(attachment, folder, exception);
            }
            finally
            {
                if (!moved)
                {
                    AttachmentFolder.DeleteQuietly(temporary);
                }
            }
        }
    }

    /// <summary>The platform's name, else the last segment of the URL, else "attachment" (made safe later).</summary>
    private static string? NameOf(ChatAttachment attachment)
    {
        if (!string.IsNullOrWhiteSpace(attachment.Name))
        {
            return attachment.Name;
        }

        return Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) && url.Segments.Length > 1
            ? Uri.UnescapeDataString(url.Segments[^1])
            : null;
    }

    private static (string Path, FileStream Stream) CreateTemporary(string folder, ChatAttachment attachment)
    {
        try
        {
            return AttachmentFolder.CreateTemporary(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(attachment, folder, exception);
        }
    }

    /// <summary>
    /// Copies the body; -1 when it grows past the limit. A read that waits longer than an HTTP
    /// attempt may, or a body cut short, is a ConnectionFailed; disk errors pass through as IOException.
    /// </summary>
    private static async Task<long> CopyAsync(
        ChatConnection connection, ChatAttachment attachment, Stream body, Stream file, long? maximumSize, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        long total = 0;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            int read;
            stall.CancelAfter(connection.AttemptTimeout);
            try
            {
                read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw BrokeOff(attachment, total, $"no data came for {connection.AttemptTimeout.TotalSeconds:0} s");
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException)
            {
                throw BrokeOff(attachment, total, connection.Redactor.Redact(exception.Message));
            }

            if (read == 0)
            {
                return total;
            }

            total += read;
            if (maximumSize is { } limit && total > limit)
            {
                return -1;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            progress?.Report(total);
        }
    }

    private static SavedAttachment TooLarge(ChatAttachment attachment, long limit, string why)
    {
        var message = $"Skipped the attachment '{attachment}' of message {attachment.MessageId}: it is larger than -MaximumSize {limit} bytes ({why}).";
        return SavedAttachment.Skipped(attachment, AttachmentSkipReason.TooLarge, message);
    }

    private static ChatHistoryException BrokeOff(ChatAttachment attachment, long bytes, string why) =>
        new(ChatErrorKind.ConnectionFailed, $"The download of the attachment '{attachment}' of message {attachment.MessageId} broke off after {bytes} bytes: {why}.")
        {
            SessionId = attachment.SessionId,
            Hint = "Run the command again for this message; nothing was kept of the broken download.",
        };

    private static ChatHistoryException WriteFailed(ChatAttachment attachment, string folder, Exception exception) =>
        new(ChatErrorKind.WriteFailed, $"The attachment '{attachment}' could not be written to '{folder}': {exception.Message}")
        {
            SessionId = attachment.SessionId,
            Hint = "Check the free space and the permissions of the folder given as -Path.",
        };
}
