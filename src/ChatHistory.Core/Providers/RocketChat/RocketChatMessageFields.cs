namespace ChatHistory.Providers.RocketChat;

/// <summary>The members of one Rocket.Chat message that its mapping reads.</summary>
internal struct MessageFields
{
    public string? Id;
    public string? RoomId;
    public string? Text;
    public string? SystemType;
    public string? Alias;
    public DateTimeOffset? Sent;
    public DateTimeOffset? Edited;
    public bool HasUser;
    public UserFields User;
    public bool FromVisitor;
    public bool FromBot;
    public List<FileFields>? Files;
    public FileFields? File;
    public List<LinkFields>? Links;
}

/// <summary>The members of u, the message's author.</summary>
internal struct UserFields
{
    public string? Id;
    public string? UserName;
    public string? DisplayName;
}

/// <summary>The {"$date": ms} form of a time that older servers send.</summary>
internal struct EpochDate
{
    public long? Milliseconds;
}

/// <summary>The members of an uploaded file (files[], file) that become an attachment.</summary>
internal struct FileFields
{
    public JsonText Name;
    public JsonText Type;
    public JsonText Size;
}

/// <summary>The members of an attachments[] item that become an attachment.</summary>
internal struct LinkFields
{
    public JsonText Title;
    public JsonText TitleLink;
    public JsonText ImageUrl;
    public JsonText VideoUrl;
    public JsonText AudioUrl;
    public JsonText ImageType;
    public JsonText VideoType;
    public JsonText AudioType;
    public JsonText ImageSize;
}
