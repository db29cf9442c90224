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

    /// <summary>A message from the members <see cref="RocketChatMessageReader"/> read, and its Raw JSON with the token cut out.</summary>
    internal static ChatMessage MapMessage(in MessageFields message, string raw, Uri serverUrl, string connection)
    {
        var attachments = Attachments(message, serverUrl);
        var original = message.Text ?? string.Empty;
        return new ChatMessage
        {
            Provider = ChatProviderKind.RocketChat,
            Connection = connection,
            SessionId = message.RoomId ?? string.Empty,
            MessageId = message.Id ?? string.Empty,
            Timestamp = message.Sent ?? default,
            AuthorId = message.HasUser ? message.UserId : null,
            AuthorName = message.Alias is { Length: > 0 } alias && message.FromVisitor
                ? alias
                : message.HasUser ? message.DisplayName ?? message.UserName : null,
            AuthorRole = Role(message),
            Text = message.SystemType is null ? PlainText(original) : (original.Length > 0 ? original : message.SystemType),
            OriginalText = original,
            Kind = message.SystemType is not null ? ChatMessageKinds.Event : KindOf(attachments),
            Attachments = attachments,
            EditedAt = message.Edited,
            Raw = raw,
        };
    }

    private static ChatAuthorRole Role(in MessageFields message)
    {
        if (message.SystemType is not null)
        {
            return ChatAuthorRole.System;
        }

        // Rocket.Chat marks what a livechat visitor wrote with the visitor's token.
        if (message.FromVisitor)
        {
            return ChatAuthorRole.Visitor;
        }

        if (message.FromBot || (message.UserName is { } name && KnownBots.Contains(name)))
        {
            return ChatAuthorRole.Bot;
        }

        return ChatAuthorRole.Agent;
    }

    /// <summary>files[] (or one file) paired by position with attachments[], which carry the links.</summary>
    private static ChatAttachment[] Attachments(in MessageFields message, Uri serverUrl)
    {
        if (message.Files is null && message.File is null && message.Links is null)
        {
            return []; // most messages: no lists to build
        }

        var files = Items(message.Files);
        if (files.Count == 0 && message.File is { ValueKind: JsonValueKind.Object } single)
        {
            files.Add(single);
        }

        var links = Items(message.Links);
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

    private static List<JsonElement> Items(JsonElement? array) =>
        array is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray().ToList() : [];

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
