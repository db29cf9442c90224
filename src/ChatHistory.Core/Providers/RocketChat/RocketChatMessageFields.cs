using System.Text.Json;

namespace ChatHistory.Providers.RocketChat;

/// <summary>
/// The members of a Rocket.Chat message that the mapping reads, found in one pass over the object.
/// Looking each one up by name scanned the message again for every field, and the fields a message
/// lacks (most have no t, alias, token, bot, files or editedAt) in every spelling: most of the
/// mapping's time. Rocket.Chat writes its own names in one casing (camelCase, as its api.ts and
/// the vendor's sample do), so exact names are enough here.
/// </summary>
internal readonly struct RocketChatMessageFields
{
    public JsonElement? Id { get; private init; }

    public JsonElement? RoomId { get; private init; }

    public JsonElement? Text { get; private init; }

    public JsonElement? SystemType { get; private init; }

    public JsonElement? SentAt { get; private init; }

    public JsonElement? EditedAt { get; private init; }

    public JsonElement? User { get; private init; }

    public JsonElement? Alias { get; private init; }

    /// <summary>The livechat visitor's token: present when a visitor wrote the message.</summary>
    public bool HasVisitorToken { get; private init; }

    public bool HasBotMarker { get; private init; }

    /// <summary>files, file or attachments: the rare message that needs <see cref="RocketChatMapper"/>'s attachment reading.</summary>
    public bool HasFiles { get; private init; }

    public static RocketChatMessageFields Of(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        JsonElement? id = null, roomId = null, text = null, systemType = null, sentAt = null, editedAt = null, user = null, alias = null;
        bool token = false, bot = false, files = false;
        foreach (var member in message.EnumerateObject())
        {
            var value = member.Value;
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            if (member.NameEquals("_id"u8)) id = value;
            else if (member.NameEquals("rid"u8)) roomId = value;
            else if (member.NameEquals("msg"u8)) text = value;
            else if (member.NameEquals("t"u8)) systemType = value;
            else if (member.NameEquals("ts"u8)) sentAt = value;
            else if (member.NameEquals("u"u8)) user = value.ValueKind == JsonValueKind.Object ? value : null;
            else if (member.NameEquals("alias"u8)) alias = value;
            else if (member.NameEquals("token"u8)) token = true;
            else if (member.NameEquals("bot"u8)) bot = true;
            else if (member.NameEquals("editedAt"u8)) editedAt = value;
            else if (member.NameEquals("files"u8) || member.NameEquals("file"u8) || member.NameEquals("attachments"u8)) files = true;
        }

        return new RocketChatMessageFields
        {
            Id = id,
            RoomId = roomId,
            Text = text,
            SystemType = systemType,
            SentAt = sentAt,
            EditedAt = editedAt,
            User = user,
            Alias = alias,
            HasVisitorToken = token,
            HasBotMarker = bot,
            HasFiles = files,
        };
    }
}
