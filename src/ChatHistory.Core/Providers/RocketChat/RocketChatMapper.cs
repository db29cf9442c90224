using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatHistory.Model;

namespace ChatHistory.Providers.RocketChat;

/// <summary>Rocket.Chat rooms and messages to the provider-neutral model.</summary>
public static partial class RocketChatMapper
{
    /// <summary>Users that are bots on a stock server even without the message's bot marker.</summary>
    private static readonly HashSet<string> KnownBots = new(StringComparer.OrdinalIgnoreCase) { "rocket.cat" };

    /// <summary>The livechat visitor's token lets anyone write as that visitor: never pass it on.</summary>
    private const string VisitorToken = "token";

    public static ChatSession MapRoom(JsonElement room, string connection) => new()
    {
        Provider = ChatProviderKind.RocketChat,
        Connection = connection,
        SessionId = room.Str("_id") ?? string.Empty,
        ChatId = room.Str("_id"),
        Title = room.Str("fname"),
        Status = ChatSessionStatusWords.Of(room.Date("closedAt") is not null || room.Bool("open") == false),
        StartedAt = Timestamp(room, "ts"),
        EndedAt = Timestamp(room, "closedAt"),
        LastMessageAt = Timestamp(room, "lm"),
        VisitorId = room.Obj("v")?.Str("_id"),
        VisitorName = room.Str("fname") ?? room.Obj("v")?.Str("username"),
        AgentId = room.Obj("servedBy")?.Str("_id"),
        AgentName = room.Obj("servedBy")?.Str("username"),
        Channel = room.Str("departmentId"),
        Source = room.Obj("source")?.Str("type"),
        MessageCount = room.Int("msgs"),
        Tags = room.Items("tags").Select(t => t.AsText()).OfType<string>().ToArray(),
        Raw = RawJson.Without(room, VisitorToken),
    };

    /// <param name="repeated">Shares the session id and authors between the messages of one read; null for none.</param>
    public static ChatMessage MapMessage(JsonElement message, Uri serverUrl, string connection, RepeatedStrings? repeated = null)
    {
        repeated ??= new RepeatedStrings();
        var user = message.Obj("u");
        var systemType = message.Str("t");
        var attachments = Attachments(message, serverUrl);
        var original = message.Str("msg") ?? string.Empty;
        return new ChatMessage
        {
            Provider = ChatProviderKind.RocketChat,
            Connection = connection,
            SessionId = repeated.Of(message, "rid") ?? string.Empty,
            MessageId = message.Str("_id") ?? string.Empty,
            Timestamp = Timestamp(message, "ts") ?? default,
            AuthorId = user is { } author ? repeated.Of(author, "_id") : null,
            AuthorName = repeated.Of(message, "alias") is { Length: > 0 } alias && message.Get("token") is not null
                ? alias
                : user is { } named ? repeated.Of(named, "name") ?? repeated.Of(named, "username") : null,
            AuthorRole = Role(message, user, systemType),
            Text = systemType is null ? PlainText(original) : (original.Length > 0 ? original : systemType),
            OriginalText = original,
            Kind = systemType is not null ? ChatMessageKinds.Event : KindOf(attachments),
            Attachments = attachments,
            EditedAt = Timestamp(message, "editedAt"),
            Raw = RawJson.Without(message, VisitorToken),
        };
    }

    private static ChatAuthorRole Role(JsonElement message, JsonElement? user, string? systemType)
    {
        if (systemType is not null)
        {
            return ChatAuthorRole.System;
        }

        // Rocket.Chat marks what a livechat visitor wrote with the visitor's token.
        if (message.Get("token") is not null)
        {
            return ChatAuthorRole.Visitor;
        }

        if (message.Get("bot") is not null || (user?.Str("username") is { } name && KnownBots.Contains(name)))
        {
            return ChatAuthorRole.Bot;
        }

        return ChatAuthorRole.Agent;
    }

    private static ChatAttachment[] Attachments(JsonElement message, Uri serverUrl)
    {
        if (message.Get("files") is null && message.Get("file") is null && message.Get("attachments") is null)
        {
            return []; // most messages: no lists to build
        }

        var files = message.Items("files").ToList();
        if (files.Count == 0 && message.Obj("file") is { } single)
        {
            files.Add(single);
        }

        var links = message.Items("attachments").ToList();
        var result = new List<ChatAttachment>();
        for (var i = 0; i < Math.Max(files.Count, links.Count); i++)
        {
            var file = i < files.Count ? files[i] : (JsonElement?)null;
            var link = i < links.Count ? links[i] : (JsonElement?)null;
            var url = link?.Str("title_link") ?? link?.Str("image_url") ?? link?.Str("video_url") ?? link?.Str("audio_url");
            var contentType = file?.Str("type") ?? link?.Str("image_type") ?? link?.Str("video_type") ?? link?.Str("audio_type");
            result.Add(new ChatAttachment
            {
                Name = file?.Str("name") ?? link?.Str("title"),
                Url = Absolute(url, serverUrl),
                ContentType = contentType,
                Kind = AttachmentKind(contentType),
                Size = file?.Long("size") ?? link?.Long("image_size"),
            });
        }

        return result.ToArray();
    }

    /// <summary>AbsoluteUri keeps the link's escaping (/file-upload/ID/invoice%202024-03.pdf); Uri.ToString() would unescape it.</summary>
    private static string? Absolute(string? url, Uri serverUrl) =>
        string.IsNullOrEmpty(url) ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri
        : new Uri(serverUrl, url.TrimStart('/')).AbsoluteUri;

    private static string AttachmentKind(string? contentType) => contentType?.Split('/')[0] switch
    {
        "image" => "image",
        "video" => "video",
        "audio" => "audio",
        _ => "file",
    };

    private static string KindOf(ChatAttachment[] attachments) => attachments.FirstOrDefault()?.Kind switch
    {
        null => ChatMessageKinds.Text,
        "image" => ChatMessageKinds.Image,
        "video" => ChatMessageKinds.Video,
        "audio" => ChatMessageKinds.Audio,
        _ => ChatMessageKinds.File,
    };

    /// <summary>ISO 8601 strings, or the {"$date": ms} form older servers send.</summary>
    private static DateTimeOffset? Timestamp(JsonElement element, string name) =>
        element.Obj(name) is { } wrapped && wrapped.Long("$date") is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : element.Date(name);

    /// <summary>Rocket.Chat's message markdown to plain text: links keep their URL, emphasis marks go.</summary>
    public static string PlainText(string markdown)
    {
        // Most messages have no markup at all: no regex needs to look at them.
        if (markdown.AsSpan().IndexOfAny(MarkupStarts) < 0)
        {
            return markdown;
        }

        var text = MarkdownLink().Replace(markdown, "$1 ($2)");
        text = Emphasis().Replace(text, "$2");
        return text;
    }

    private static readonly SearchValues<char> MarkupStarts = SearchValues.Create("[*_~");

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<![\w*_~])([*_~])(?=\S)(.+?)(?<=\S)\1(?![\w*_~])")]
    private static partial Regex Emphasis();

    internal static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
