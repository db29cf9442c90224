using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.RocketChat;

namespace ChatHistory.Tests.RocketChat;

/// <summary>
/// The Rocket.Chat message mapping over a JsonElement as it was before the reader-based mapper,
/// kept only as the reference the new mapper is compared with (RocketChatReaderDifferentialTests).
/// </summary>
internal static class ReferenceRocketChatMapper
{
    private static readonly HashSet<string> KnownBots = new(StringComparer.OrdinalIgnoreCase) { "rocket.cat" };

    public static ChatMessage MapMessage(JsonElement message, Uri serverUrl, string connection)
    {
        var user = message.Obj("u");
        var systemType = message.Str("t");
        var attachments = Attachments(message, serverUrl);
        var original = message.Str("msg") ?? string.Empty;
        return new ChatMessage
        {
            Provider = ChatProviderKind.RocketChat,
            Connection = connection,
            SessionId = message.Str("rid") ?? string.Empty,
            MessageId = message.Str("_id") ?? string.Empty,
            Timestamp = Timestamp(message, "ts") ?? default,
            AuthorId = user is { } author ? author.Str("_id") : null,
            AuthorName = message.Str("alias") is { Length: > 0 } alias && message.Get("token") is not null
                ? alias
                : user is { } named ? named.Str("name") ?? named.Str("username") : null,
            AuthorRole = Role(message, user, systemType),
            Text = systemType is null ? RocketChatMapper.PlainText(original) : (original.Length > 0 ? original : systemType),
            OriginalText = original,
            Kind = systemType is not null ? ChatMessageKinds.Event : KindOf(attachments),
            Attachments = attachments,
            EditedAt = Timestamp(message, "editedAt"),
            Raw = RawJson.Without(message, "token"),
        };
    }

    private static ChatAuthorRole Role(JsonElement message, JsonElement? user, string? systemType)
    {
        if (systemType is not null)
        {
            return ChatAuthorRole.System;
        }

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
            return [];
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

    private static DateTimeOffset? Timestamp(JsonElement element, string name) =>
        element.Obj(name) is { } wrapped && wrapped.Long("$date") is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : element.Date(name);
}
