namespace ChatHistory.Model;

/// <summary>The message kinds ChatHistory names itself; providers may pass other words through.</summary>
public static class ChatMessageKinds
{
    public const string Text = "Text";
    public const string File = "File";
    public const string Image = "Image";
    public const string Video = "Video";
    public const string Audio = "Audio";
    public const string Voice = "Voice";
    public const string Sticker = "Sticker";
    public const string Location = "Location";
    public const string Contact = "Contact";
    public const string Link = "Link";
    /// <summary>A system event: joined, transferred, closed, ...</summary>
    public const string Event = "Event";
}
