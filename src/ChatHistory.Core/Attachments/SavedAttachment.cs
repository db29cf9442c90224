using ChatHistory.Model;

namespace ChatHistory.Attachments;

/// <summary>Why an attachment was not saved although nothing failed.</summary>
public enum AttachmentSkipReason
{
    None,

    /// <summary>A link, an option or a text block, or no URL: nothing to download.</summary>
    NotAFile,

    /// <summary>Larger than -MaximumSize, by its known size, its Content-Length or the bytes that came.</summary>
    TooLarge,
}

/// <summary>What became of one attachment: the file it was saved to, or why it was skipped.</summary>
public sealed record SavedAttachment(ChatAttachment Attachment, string? Path, long Bytes, AttachmentSkipReason SkipReason, string? SkipMessage)
{
    public bool Saved => Path is not null;

    internal static SavedAttachment To(ChatAttachment attachment, string path, long bytes) =>
        new(attachment, path, bytes, AttachmentSkipReason.None, null);

    internal static SavedAttachment Skipped(ChatAttachment attachment, AttachmentSkipReason reason, string message, long bytes = 0) =>
        new(attachment, null, bytes, reason, message);
}
