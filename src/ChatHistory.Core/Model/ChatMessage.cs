namespace ChatHistory.Model;

/// <summary>
/// One message of a conversation, flat and of the same shape for every provider.
/// </summary>
public sealed class ChatMessage
{
    private readonly ChatAttachment[] attachments = [];

    // Raw as a string, or as the UTF-8 bytes it was read as until someone reads it: most reads
    // never look at Raw, and the text is about half of what a message allocates. One field, so
    // that a reader on another thread sees either form whole.
    private object? raw;

    public ChatProviderKind Provider { get; init; }

    public string Connection { get; init; } = string.Empty;

    public string SessionId { get; init; } = string.Empty;

    public string MessageId { get; init; } = string.Empty;

    public DateTimeOffset Timestamp { get; init; }

    public string? AuthorId { get; init; }

    public string? AuthorName { get; init; }

    public ChatAuthorRole AuthorRole { get; init; }

    /// <summary>Plain text: the provider's markup removed.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The text as the provider sent it, markup included.</summary>
    public string? OriginalText { get; init; }

    /// <summary>
    /// Text, File, Image, Video, Audio, Voice, Sticker, Location, Contact, Event, ... The provider's
    /// own word is passed through when ChatHistory does not know it.
    /// </summary>
    public string Kind { get; init; } = ChatMessageKinds.Text;

    public ChatAttachment[] Attachments
    {
        get => attachments;
        init
        {
            attachments = value;
            foreach (var attachment in value)
            {
                attachment.Message = this;
            }
        }
    }

    public int AttachmentCount => Attachments.Length;

    /// <summary>The attachment URLs joined with "; ", for CSV.</summary>
    public string AttachmentUrls =>
        string.Join("; ", Attachments.Select(a => a.Url).Where(u => !string.IsNullOrEmpty(u)));

    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>The provider's original JSON for the message.</summary>
    public string? Raw
    {
        get => raw switch
        {
            string text => text,
            byte[] utf8 => (string)(raw = System.Text.Encoding.UTF8.GetString(utf8)),
            _ => null,
        };
        init => raw = value;
    }

    /// <summary>Raw as UTF-8 bytes, made a string only when <see cref="Raw"/> is read.</summary>
    internal byte[]? RawUtf8
    {
        init => raw = value;
    }

    public override string ToString() => Text;
}
