using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
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
    /// <param name="json">The page the message was read from, where its attachments' members are.</param>
    internal static ChatMessage MapMessage(in MessageFields message, ReadOnlySpan<byte> json, byte[] raw, Uri serverUrl, string connection)
    {
        var attachments = Attachments(message, json, serverUrl);
        var original = message.Text ?? string.Empty;
        return new ChatMessage
        {
            Provider = ChatProviderKind.RocketChat,
            Connection = connection,
            SessionId = message.RoomId ?? string.Empty,
            MessageId = message.Id ?? string.Empty,
            Timestamp = message.Sent ?? default,
            AuthorId = message.HasUser ? message.User.Id : null,
            AuthorName = message.Alias is { Length: > 0 } alias && message.FromVisitor
                ? alias
                : message.HasUser ? message.User.DisplayName ?? message.User.UserName : null,
            AuthorRole = Role(message),
            Text = message.SystemType is null ? PlainText(original) : (original.Length > 0 ? original : message.SystemType),
            OriginalText = original,
            Kind = message.SystemType is not null ? ChatMessageKinds.Event : KindOf(attachments),
            Attachments = attachments,
            EditedAt = message.Edited,
            RawUtf8 = raw,
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

        if (message.FromBot || (message.User.UserName is { } name && KnownBots.Contains(name)))
        {
            return ChatAuthorRole.Bot;
        }

        return ChatAuthorRole.Agent;
    }

    /// <summary>files[] (or one file) paired by position with attachments[], which carry the links.</summary>
    private static ChatAttachment[] Attachments(in MessageFields message, ReadOnlySpan<byte> json, Uri serverUrl)
    {
        var single = message.File.GetValueOrDefault();
        var files = message.Files is { Count: > 0 } many ? CollectionsMarshal.AsSpan(many)
            : message.File is not null ? new Span<FileFields>(ref single)
            : [];
        var links = CollectionsMarshal.AsSpan(message.Links);
        if (files.Length == 0 && links.Length == 0)
        {
            return []; // most messages
        }

        var result = new ChatAttachment[Math.Max(files.Length, links.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            var file = i < files.Length ? files[i] : default;
            var link = i < links.Length ? links[i] : default;
            var url = link.TitleLink.Read(json) ?? link.ImageUrl.Read(json) ?? link.VideoUrl.Read(json) ?? link.AudioUrl.Read(json);
            var contentType = file.Type.Read(json) ?? link.ImageType.Read(json) ?? link.VideoType.Read(json) ?? link.AudioType.Read(json);
            result[i] = new ChatAttachment
            {
                Name = file.Name.Read(json) ?? link.Title.Read(json),
                Url = Absolute(url, serverUrl),
                ContentType = contentType,
                Kind = AttachmentKind(contentType),
                Size = Long(file.Size, json) ?? Long(link.ImageSize, json),
            };
        }

        return result;
    }

    private static long? Long(JsonText text, ReadOnlySpan<byte> json) =>
        long.TryParse(text.Read(json), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>AbsoluteUri keeps the link's escaping (/file-upload/ID/invoice%202024-03.pdf); Uri.ToString() would unescape it.</summary>
    /// <remarks>
    /// A server path (/file-upload/...) goes straight to the server's URL: parsed on its own it is an
    /// absolute file: URI on Unix, one more Uri per attachment only to be set aside.
    /// </remarks>
    private static string? Absolute(string? url, Uri serverUrl) =>
        string.IsNullOrEmpty(url) ? null
        : !IsServerPath(url) && Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri
        : new Uri(serverUrl, url.TrimStart('/')).AbsoluteUri;

    private static bool IsServerPath(string url) => url[0] == '/' && (url.Length == 1 || url[1] != '/');

    private static string AttachmentKind(string? contentType) => MediaType(contentType) switch
    {
        "image" => "image",
        "video" => "video",
        "audio" => "audio",
        _ => "file",
    };

    /// <summary>image of image/png; the whole text when it has no slash.</summary>
    private static ReadOnlySpan<char> MediaType(string? contentType)
    {
        var type = contentType.AsSpan();
        var slash = type.IndexOf('/');
        return slash < 0 ? type : type[..slash];
    }

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
