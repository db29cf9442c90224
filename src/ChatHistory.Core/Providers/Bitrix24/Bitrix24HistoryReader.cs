using System.Globalization;
using System.Text.Json;
using ChatHistory.Model;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// The messages of one imopenlines.session.history.get result, read in one forward pass of a
/// Utf8JsonReader: no document, and each message's Raw is its own bytes as they came. A result
/// lists its messages before the users and files they refer to, so a message's fields wait for
/// the result's end. Files and ATTACH blocks, rare and nested, are parsed on their own and
/// mapped as <see cref="Bitrix24Mapper"/> maps them.
/// </summary>
internal sealed class Bitrix24HistoryReader(string sessionId, Uri portal, string connection)
{
    private readonly List<MessageFields> messages = [];
    private readonly Dictionary<string, Author> users = new(StringComparer.Ordinal);
    private byte[]? files;

    /// <summary>The messages of the result the reader is on, oldest first; null when it is not an object.</summary>
    public static List<ChatMessage>? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string sessionId, Uri portal, string connection)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var history = new Bitrix24HistoryReader(sessionId, portal, connection);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            history.ReadMember(ref reader, json);
        }

        return history.Map();
    }

    private void ReadMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        // The last of repeated members counts, as in a parsed document.
        if (Bitrix24Json.NameIs(ref reader, "message"u8))
        {
            reader.Read();
            messages.Clear();
            ReadMessages(ref reader, json);
        }
        else if (Bitrix24Json.NameIs(ref reader, "users"u8))
        {
            reader.Read();
            users.Clear();
            ReadUsers(ref reader);
        }
        else if (Bitrix24Json.NameIs(ref reader, "files"u8))
        {
            reader.Read();
            var value = Bitrix24Json.ValueBytes(ref reader, json);
            files = value.Length > 2 ? value.ToArray() : null; // PHP writes an empty map as []
        }
        else
        {
            reader.Read();
            reader.Skip();
        }
    }

    /// <summary>"message": an object keyed by id, or an array; items that are not objects are skipped.</summary>
    private void ReadMessages(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var keyed = reader.TokenType == JsonTokenType.StartObject;
        if (!keyed && reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
        {
            if (keyed)
            {
                reader.Read();
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                messages.Add(ReadMessage(ref reader, json));
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static MessageFields ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        var fields = new MessageFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = MessageMember(ref reader);
            reader.Read();
            switch (field)
            {
                case MessageField.Id:
                    fields.Id = Bitrix24Json.Text(ref reader);
                    break;
                case MessageField.SenderId:
                    fields.SenderId = Bitrix24Json.Text(ref reader);
                    break;
                case MessageField.AuthorId:
                    fields.AuthorId = Bitrix24Json.Text(ref reader);
                    break;
                case MessageField.Date:
                    fields.Date = Bitrix24Json.Date(ref reader);
                    break;
                case MessageField.Text:
                    fields.Text = Bitrix24Json.Text(ref reader);
                    break;
                case MessageField.Params:
                    ReadParams(ref reader, json, fields);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        fields.Raw = json[start..(int)reader.BytesConsumed].ToArray();
        return fields;
    }

    private enum MessageField
    {
        Other,
        Id,
        SenderId,
        AuthorId,
        Date,
        Text,
        Params,
    }

    private static MessageField MessageMember(ref Utf8JsonReader reader) =>
        Bitrix24Json.NameIs(ref reader, "id"u8) ? MessageField.Id
        : Bitrix24Json.NameIs(ref reader, "senderid"u8) ? MessageField.SenderId
        : Bitrix24Json.NameIs(ref reader, "date"u8) ? MessageField.Date
        : Bitrix24Json.NameIs(ref reader, "text"u8) ? MessageField.Text
        : Bitrix24Json.NameIs(ref reader, "params"u8) ? MessageField.Params
        : Bitrix24Json.NameIs(ref reader, "author_id"u8) ? MessageField.AuthorId
        : MessageField.Other;

    /// <summary>params: fileId (or FILE_ID) lists file ids; ATTACH holds rich blocks. [] when empty.</summary>
    private static void ReadParams(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, MessageFields fields)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFileId = Bitrix24Json.NameIs(ref reader, "fileId"u8);
            var isUpperFileId = !isFileId && Bitrix24Json.NameIs(ref reader, "FILE_ID"u8);
            var isAttach = !isFileId && !isUpperFileId && Bitrix24Json.NameIs(ref reader, "attach"u8);
            reader.Read();
            if (isFileId)
            {
                fields.FileIds = Ids(ref reader);
            }
            else if (isUpperFileId)
            {
                fields.UpperFileIds = Ids(ref reader);
            }
            else if (isAttach && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                fields.Attach = Bitrix24Json.ValueBytes(ref reader, json).ToArray();
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>One id or an array of them; null when the value is null.</summary>
    private static List<string>? Ids(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var ids = new List<string>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            if (Bitrix24Json.Text(ref reader) is { } id)
            {
                ids.Add(id);
            }

            return ids;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (Bitrix24Json.Text(ref reader) is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>"users": an object keyed by id (its entry's own id wins), or an array of users with an id.</summary>
    private void ReadUsers(ref Utf8JsonReader reader)
    {
        var keyed = reader.TokenType == JsonTokenType.StartObject;
        if (!keyed && reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
        {
            var key = keyed ? reader.GetString() : null;
            if (keyed)
            {
                reader.Read();
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                if (key is not null)
                {
                    users.Remove(key); // not a user: its sender reads as an operator, as if unknown
                }

                continue;
            }

            var user = ReadUser(ref reader);
            if ((user.Id ?? key) is { } id)
            {
                users[id] = user;
            }
        }
    }

    private static Author ReadUser(ref Utf8JsonReader reader)
    {
        var user = new Author();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = UserMember(ref reader);
            reader.Read();
            switch (field)
            {
                case UserField.Id:
                    user.Id = Bitrix24Json.Text(ref reader);
                    break;
                case UserField.Name:
                    user.Name = Bitrix24Json.Text(ref reader);
                    break;
                case UserField.FirstName:
                    user.FirstName = Bitrix24Json.Text(ref reader);
                    break;
                case UserField.LastName:
                    user.LastName = Bitrix24Json.Text(ref reader);
                    break;
                case UserField.Connector:
                    user.Connector = Bitrix24Json.Flag(ref reader);
                    break;
                case UserField.ExternalAuthId:
                    user.ExternalAuthId = Bitrix24Json.Text(ref reader);
                    break;
                case UserField.Bot:
                    user.Bot = Bitrix24Json.Flag(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        user.Complete();
        return user;
    }

    private enum UserField
    {
        Other,
        Id,
        Name,
        FirstName,
        LastName,
        Connector,
        ExternalAuthId,
        Bot,
    }

    private static UserField UserMember(ref Utf8JsonReader reader) =>
        Bitrix24Json.NameIs(ref reader, "id"u8) ? UserField.Id
        : Bitrix24Json.NameIs(ref reader, "name"u8) ? UserField.Name
        : Bitrix24Json.NameIs(ref reader, "firstName"u8) ? UserField.FirstName
        : Bitrix24Json.NameIs(ref reader, "lastName"u8) ? UserField.LastName
        : Bitrix24Json.NameIs(ref reader, "connector"u8) ? UserField.Connector
        : Bitrix24Json.NameIs(ref reader, "externalAuthId"u8) ? UserField.ExternalAuthId
        : Bitrix24Json.NameIs(ref reader, "bot"u8) ? UserField.Bot
        : UserField.Other;

    /// <summary>The messages read, oldest first: the result keys them by id in no useful order, so they are sorted by their integer id.</summary>
    private List<ChatMessage> Map()
    {
        using var fileDocument = files is null ? null : JsonDocument.Parse(files);
        var keyedFiles = fileDocument is null ? new Dictionary<string, JsonElement>() : Bitrix24Mapper.Keyed(fileDocument.RootElement);
        return messages
            .Select(message => Map(message, keyedFiles))
            .OrderBy(message => long.TryParse(message.MessageId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue)
            .ThenBy(message => message.MessageId, StringComparer.Ordinal)
            .ToList();
    }

    private ChatMessage Map(MessageFields message, IReadOnlyDictionary<string, JsonElement> keyedFiles)
    {
        var senderId = message.SenderId ?? message.AuthorId ?? "0";
        var isSystem = senderId == "0";
        users.TryGetValue(senderId, out var user);
        var fileAttachments = (message.FileIds ?? message.UpperFileIds) is { } ids
            ? Bitrix24Mapper.FileAttachments(ids, keyedFiles, portal).ToArray()
            : [];
        var attachments = message.Attach is null ? fileAttachments : [.. fileAttachments, .. AttachBlocks(message.Attach)];
        var original = message.Text ?? string.Empty;
        return new ChatMessage
        {
            Provider = ChatProviderKind.Bitrix24,
            Connection = connection,
            SessionId = sessionId,
            MessageId = message.Id ?? string.Empty,
            Timestamp = message.Date ?? default,
            AuthorId = isSystem ? null : senderId,
            AuthorName = isSystem ? null : user?.DisplayName,
            AuthorRole = isSystem ? ChatAuthorRole.System : user?.Role ?? ChatAuthorRole.Agent,
            Text = Bitrix24Text.PlainText(original),
            OriginalText = original,
            Kind = isSystem ? ChatMessageKinds.Event : Bitrix24Mapper.KindOf(fileAttachments, attachments),
            Attachments = attachments,
            RawUtf8 = message.Raw,
        };
    }

    private ChatAttachment[] AttachBlocks(byte[] attach)
    {
        using var document = JsonDocument.Parse(attach);
        return Bitrix24Mapper.AttachBlocks(document.RootElement, portal).ToArray();
    }

    private sealed class MessageFields
    {
        public string? Id { get; set; }

        public string? SenderId { get; set; }

        public string? AuthorId { get; set; }

        public DateTimeOffset? Date { get; set; }

        public string? Text { get; set; }

        public List<string>? FileIds { get; set; }

        public List<string>? UpperFileIds { get; set; }

        public byte[]? Attach { get; set; }

        public byte[] Raw { get; set; } = [];
    }

    /// <summary>A result's user: who wrote, as the message's author.</summary>
    private sealed class Author
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public bool? Connector { get; set; }

        public string? ExternalAuthId { get; set; }

        public bool? Bot { get; set; }

        /// <summary>name, else first and last name; null when all are empty.</summary>
        public string? DisplayName { get; private set; }

        public ChatAuthorRole Role { get; private set; }

        /// <summary>
        /// Works out, once per user, what each of their messages carries. The customer is the
        /// connector's user (externalAuthId imconnector); bots say so; anyone else is an operator.
        /// </summary>
        public void Complete()
        {
            DisplayName = Name is { Length: > 0 } ? Name
                : string.Join(' ', new[] { FirstName, LastName }.Where(part => !string.IsNullOrEmpty(part))) is { Length: > 0 } joined ? joined
                : null;
            Role = Connector == true || string.Equals(ExternalAuthId, "imconnector", StringComparison.OrdinalIgnoreCase) ? ChatAuthorRole.Visitor
                : Bot == true ? ChatAuthorRole.Bot
                : ChatAuthorRole.Agent;
        }
    }
}
