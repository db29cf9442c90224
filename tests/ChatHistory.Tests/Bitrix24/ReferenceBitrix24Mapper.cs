using System.Globalization;
using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.Bitrix24;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>
/// The Bitrix24 history mapping over a JsonElement as it was before the one-pass reader, kept only
/// as the reference the reader is compared with (Bitrix24ReaderDifferentialTests).
/// </summary>
internal static class ReferenceBitrix24Mapper
{
    public static IReadOnlyList<ChatMessage> MapHistory(JsonElement result, string sessionId, Uri portal, string connection)
    {
        var users = Keyed(result.Get("users"));
        var files = Keyed(result.Get("files"));
        return Values(result.Get("message"))
            .Select(message => MapMessage(message, sessionId, users, files, portal, connection))
            .OrderBy(message => long.TryParse(message.MessageId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue)
            .ThenBy(message => message.MessageId, StringComparer.Ordinal)
            .ToList();
    }

    public static ChatMessage MapMessage(
        JsonElement message,
        string sessionId,
        IReadOnlyDictionary<string, JsonElement> users,
        IReadOnlyDictionary<string, JsonElement> files,
        Uri portal,
        string connection)
    {
        var senderId = message.Str("senderid") ?? message.Str("author_id") ?? "0";
        var isSystem = senderId == "0";
        users.TryGetValue(senderId, out var user);
        var parameters = message.Obj("params");
        var fileAttachments = FileAttachments(parameters, files, portal).ToArray();
        var attachments = fileAttachments.Concat(AttachBlocks(parameters, portal)).ToArray();
        var original = message.Str("text") ?? string.Empty;
        return new ChatMessage
        {
            Provider = ChatProviderKind.Bitrix24,
            Connection = connection,
            SessionId = sessionId,
            MessageId = message.Str("id") ?? string.Empty,
            Timestamp = message.Date("date") ?? default,
            AuthorId = isSystem ? null : senderId,
            AuthorName = isSystem ? null : user.ValueKind == JsonValueKind.Object ? UserName(user) : null,
            AuthorRole = isSystem ? ChatAuthorRole.System : Role(user),
            Text = Bitrix24Text.PlainText(original),
            OriginalText = original,
            Kind = isSystem ? ChatMessageKinds.Event : KindOf(fileAttachments, attachments),
            Attachments = attachments,
            Raw = message.GetRawText(),
        };
    }

    private static ChatAuthorRole Role(JsonElement user)
    {
        if (user.ValueKind != JsonValueKind.Object)
        {
            return ChatAuthorRole.Agent;
        }

        if (user.Bool("connector") == true || string.Equals(user.Str("externalAuthId"), "imconnector", StringComparison.OrdinalIgnoreCase))
        {
            return ChatAuthorRole.Visitor;
        }

        return user.Bool("bot") == true ? ChatAuthorRole.Bot : ChatAuthorRole.Agent;
    }

    private static string? UserName(JsonElement user) =>
        user.Str("name") is { Length: > 0 } name
            ? name
            : string.Join(' ', new[] { user.Str("firstName"), user.Str("lastName") }.Where(part => !string.IsNullOrEmpty(part))) is { Length: > 0 } joined
                ? joined
                : null;

    private static IEnumerable<ChatAttachment> FileAttachments(JsonElement? parameters, IReadOnlyDictionary<string, JsonElement> files, Uri portal)
    {
        if ((parameters?.Get("fileId") ?? parameters?.Get("FILE_ID")) is not { } ids)
        {
            yield break;
        }

        var list = ids.ValueKind == JsonValueKind.Array ? ids.EnumerateArray().Select(id => id.AsText()) : [ids.AsText()];
        foreach (var id in list.OfType<string>())
        {
            if (!files.TryGetValue(id, out var file))
            {
                yield return new ChatAttachment { Name = $"file {id}", Kind = "file" };
                continue;
            }

            var type = file.Str("type");
            yield return new ChatAttachment
            {
                Name = file.Str("name"),
                Url = Absolute(file.Str("urlDownload") ?? file.Str("urlShow"), portal),
                Kind = type is "image" or "video" or "audio" ? type : "file",
                ContentType = file.Str("mimeType") ?? file.Str("mime_type"),
                Size = file.Long("size"),
            };
        }
    }

    /// <summary>params.ATTACH rich blocks: links, images and files become attachments; text blocks keep their text as the name.</summary>
    private static IEnumerable<ChatAttachment> AttachBlocks(JsonElement? parameters, Uri portal)
    {
        if (parameters?.Get("attach") is not { } attach)
        {
            yield break;
        }

        var entries = attach.ValueKind == JsonValueKind.Array ? attach.EnumerateArray().ToList() : [attach];
        foreach (var entry in entries)
        {
            foreach (var block in entry.Items("blocks"))
            {
                foreach (var link in block.Items("link"))
                {
                    yield return new ChatAttachment { Name = link.Str("name"), Url = Absolute(link.Str("link"), portal), Kind = "link" };
                }

                foreach (var image in block.Items("image"))
                {
                    yield return new ChatAttachment { Name = image.Str("name"), Url = Absolute(image.Str("link"), portal), Kind = "image" };
                }

                foreach (var file in block.Items("file"))
                {
                    yield return new ChatAttachment
                    {
                        Name = file.Str("name"),
                        Url = Absolute(file.Str("link"), portal),
                        Kind = "file",
                        Size = file.Long("size"),
                    };
                }

                if (block.Str("message") is { Length: > 0 } text)
                {
                    yield return new ChatAttachment { Name = Bitrix24Text.PlainText(text), Kind = "text" };
                }
            }
        }
    }

    private static string KindOf(ChatAttachment[] files, ChatAttachment[] all) => (files.FirstOrDefault() ?? all.FirstOrDefault())?.Kind switch
    {
        null or "text" => ChatMessageKinds.Text,
        "image" => ChatMessageKinds.Image,
        "video" => ChatMessageKinds.Video,
        "audio" => ChatMessageKinds.Audio,
        "link" => ChatMessageKinds.Link,
        _ => ChatMessageKinds.File,
    };

    /// <summary>Relative links are the portal's own (its base is the part before rest/).</summary>
    private static string? Absolute(string? url, Uri portal) =>
        string.IsNullOrEmpty(url) ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri
        : new Uri(portal, url.TrimStart('/')).AbsoluteUri;

    private static Dictionary<string, JsonElement> Keyed(JsonElement? element)
    {
        var keyed = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } map)
        {
            foreach (var property in map.EnumerateObject())
            {
                keyed[property.Value.Str("id") ?? property.Name] = property.Value;
            }
        }
        else if (element is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.Str("id") is { } id)
                {
                    keyed[id] = item;
                }
            }
        }

        return keyed;
    }

    private static IEnumerable<JsonElement> Values(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Object),
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object),
        _ => [],
    };
}
