using System.Globalization;
using System.Text.Json;
using ChatHistory.Model;

namespace ChatHistory.Providers.Kommo;

/// <summary>amojo history entries and API v4 contact chats to the provider-neutral model.</summary>
public static class KommoMapper
{
    /// <summary>One entry of <c>history.messages</c>. The entry does not name its conversation, so the caller does.</summary>
    public static ChatMessage MapMessage(JsonElement entry, string conversationId, string connection)
    {
        var sender = entry.Obj("sender");
        var message = entry.Obj("message");
        var type = message?.Str("type") ?? "text";
        var text = message?.Str("text") ?? string.Empty;
        return new ChatMessage
        {
            Provider = ChatProviderKind.Kommo,
            Connection = connection,
            SessionId = conversationId,
            MessageId = message?.Str("id") ?? string.Empty,
            Timestamp = Timestamp(entry) ?? default,
            AuthorId = sender?.Str("id"),
            AuthorName = sender?.Str("name"),
            AuthorRole = IsCustomer(sender) ? ChatAuthorRole.Visitor : ChatAuthorRole.Agent,
            Text = text.Length > 0 ? text : Describe(type, message),
            OriginalText = text,
            Kind = Kind(type),
            Attachments = message is { } body && Attachment(type, body) is { } attachment ? [attachment] : [],
            Raw = entry.GetRawText(),
        };
    }

    /// <summary>
    /// A conversation as far as Kommo describes one: its id, what its newest history entry says
    /// (null when amojo answered 204) and, when it came from a contact, the API v4 chat link.
    /// </summary>
    /// <remarks>
    /// <paramref name="wholeConversation"/> is the newest page when it held fewer entries than were
    /// asked for: then it is the whole conversation, and its oldest entry is when the conversation
    /// started and its length the message count, at no extra request. <paramref name="knownStart"/>
    /// is the start a complete read of the conversation found earlier, for a longer one.
    /// </remarks>
    public static ChatSession MapConversation(
        string conversationId,
        JsonElement? newestEntry,
        JsonElement? contactChat,
        string connection,
        IReadOnlyList<JsonElement>? wholeConversation = null,
        DateTimeOffset? knownStart = null)
    {
        var customer = newestEntry is { } entry ? Customer(entry) : null;
        var started = wholeConversation?.Select(Timestamp).Where(at => at is not null).DefaultIfEmpty(null).Min() ?? knownStart;
        return new ChatSession
        {
            Provider = ChatProviderKind.Kommo,
            Connection = connection,
            SessionId = conversationId,
            ChatId = conversationId,
            Title = customer?.Str("name"),
            LastMessageAt = newestEntry is { } newest ? Timestamp(newest) : null,
            VisitorId = customer?.Str("id"),
            VisitorName = customer?.Str("name"),
            StartedAt = started,
            MessageCount = newestEntry is null ? 0 : wholeConversation?.Count,
            Raw = contactChat?.GetRawText(),
        };
    }

    /// <summary>msec_timestamp when the entry has it, else timestamp (unix seconds).</summary>
    public static DateTimeOffset? Timestamp(JsonElement entry) =>
        entry.Long("msec_timestamp") is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : entry.Long("timestamp") is { } seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : null;

    /// <summary>The integration's own users carry a client_id: they are the customers writing through the channel.</summary>
    private static bool IsCustomer(JsonElement? party) => !string.IsNullOrEmpty(party?.Str("client_id"));

    private static JsonElement? Customer(JsonElement entry)
    {
        var sender = entry.Obj("sender");
        var receiver = entry.Obj("receiver");
        return IsCustomer(sender) ? sender : IsCustomer(receiver) ? receiver : null;
    }

    private static string Kind(string type) => type switch
    {
        "text" => ChatMessageKinds.Text,
        "picture" => ChatMessageKinds.Image,
        "video" => ChatMessageKinds.Video,
        "file" => ChatMessageKinds.File,
        "voice" => ChatMessageKinds.Voice,
        "audio" => ChatMessageKinds.Audio,
        "sticker" => ChatMessageKinds.Sticker,
        "location" => ChatMessageKinds.Location,
        "contact" => ChatMessageKinds.Contact,
        _ => type,
    };

    private static ChatAttachment? Attachment(string type, JsonElement message)
    {
        var media = NonEmpty(message.Str("media"));
        if (media is null)
        {
            return null;
        }

        return new ChatAttachment
        {
            Name = NonEmpty(message.Str("file_name")),
            Url = media,
            Kind = type switch
            {
                "picture" => "image",
                "video" or "voice" or "audio" or "sticker" => type,
                _ => "file",
            },
            Size = message.Long("file_size") is { } size and > 0 ? size : null,
        };
    }

    /// <summary>A readable text for messages that carry none: a location, a contact card, a file name.</summary>
    private static string Describe(string type, JsonElement? message)
    {
        if (message is not { } body)
        {
            return string.Empty;
        }

        if (type == "location" && body.Obj("location") is { } location)
        {
            var lat = location.Get("lat")?.AsText();
            var lon = location.Get("lon")?.AsText();
            return lat is null || lon is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{lat}, {lon}");
        }

        if (type == "contact" && body.Obj("contact") is { } contact)
        {
            return string.Join(", ", new[] { contact.Str("name"), contact.Str("phone") }.Where(part => !string.IsNullOrEmpty(part)));
        }

        return NonEmpty(body.Str("file_name")) ?? string.Empty;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
