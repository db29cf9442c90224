namespace ChatHistory.Model;

/// <summary>A file, image or link attached to a message.</summary>
public sealed class ChatAttachment
{
    private readonly string? connection;
    private readonly string? sessionId;
    private readonly string? messageId;

    public string? Name { get; init; }

    /// <summary>An absolute URL where the provider serves the attachment, when it gives one.</summary>
    public string? Url { get; init; }

    /// <summary>image, video, audio, file, link, ... as the provider describes it.</summary>
    public string? Kind { get; init; }

    public string? ContentType { get; init; }

    public long? Size { get; init; }

    /// <summary>
    /// The connection the attachment was read through, so that an attachment piped on its own
    /// (Save-ChatAttachment) is fetched with that connection's credentials.
    /// </summary>
    public string? Connection { get => Message?.Connection ?? connection; init => connection = value; }

    public string? SessionId { get => Message?.SessionId ?? sessionId; init => sessionId = value; }

    public string? MessageId { get => Message?.MessageId ?? messageId; init => messageId = value; }

    /// <summary>
    /// The message that carries it. A reference rather than copies of its ids keeps the cost at one
    /// field per attachment; it is not public so that ConvertTo-Json does not walk back into the message.
    /// </summary>
    internal ChatMessage? Message { get; set; }

    public override string ToString() => Name ?? Url ?? Kind ?? string.Empty;
}
