namespace ChatHistory.Model;

/// <summary>A file, image or link attached to a message.</summary>
public sealed class ChatAttachment
{
    public string? Name { get; init; }

    /// <summary>An absolute URL where the provider serves the attachment, when it gives one.</summary>
    public string? Url { get; init; }

    /// <summary>image, video, audio, file, link, ... as the provider describes it.</summary>
    public string? Kind { get; init; }

    public string? ContentType { get; init; }

    public long? Size { get; init; }

    public override string ToString() => Name ?? Url ?? Kind ?? string.Empty;
}
