using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatHistory.Model;

namespace ChatHistory.Providers.RocketChat;

/// <summary>What one livechat/{rid}/messages page held besides its messages.</summary>
/// <param name="Items">The messages[] items read, duplicates included.</param>
/// <param name="Total">The page's total; null when missing or not a number.</param>
/// <param name="MaybeFailed">The page has a success member that is not true: ask the parsed page whether it failed.</param>
internal readonly record struct RocketChatPage(int Items, int? Total, bool MaybeFailed);

/// <summary>
/// Rocket.Chat messages mapped in one forward pass of a Utf8JsonReader over the page's bytes: no
/// document, and each message's Raw is its own bytes as they came, "token" members cut out. Member
/// names match exactly: Rocket.Chat's are MongoDB's camelCase (escaped names still match).
/// </summary>
internal sealed partial class RocketChatMessageReader(Uri serverUrl, string connection, RepeatedStrings repeated)
{
    private readonly TokenCuts cuts = new();

    /// <summary>Maps the messages of a livechat/{rid}/messages page into <paramref name="messages"/>.</summary>
    /// <exception cref="JsonException">The page is not valid JSON.</exception>
    public RocketChatPage ReadPage(ReadOnlySpan<byte> page, List<ChatMessage> messages)
    {
        messages.Clear();
        var reader = new Utf8JsonReader(page);
        reader.Read();
        int? total = null;
        var maybeFailed = false;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
        }
        else
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    messages.Clear(); // the last of repeated members counts, as in a parsed document
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        messages.Add(ReadMessage(ref reader, page));
                    }
                }
                else if (reader.ValueTextEquals("total"u8))
                {
                    reader.Read();
                    total = int.TryParse(Text(ref reader, page), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : null;
                }
                else if (reader.ValueTextEquals("success"u8))
                {
                    reader.Read();
                    maybeFailed |= reader.TokenType != JsonTokenType.True;
                    reader.Skip();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        // Anything after the page's value is malformed JSON, as it is to a parser.
        reader.Read();
        return new RocketChatPage(messages.Count, total, maybeFailed);
    }

    /// <summary>Reads the message value the reader is on and leaves the reader on its last token.</summary>
    private ChatMessage ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        cuts.Clear();
        var fields = new MessageFields();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            cuts.SkipValue(ref reader, json);
        }
        else
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadMember(ref reader, json, ref fields);
            }
        }

        var raw = cuts.Apply(json, start, (int)reader.BytesConsumed);
        return RocketChatMapper.MapMessage(fields, json, raw, serverUrl, connection);
    }

    private void ReadMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref MessageFields fields)
    {
        if (TokenCuts.IsToken(ref reader))
        {
            cuts.Cut(ref reader, json);
            fields.FromVisitor = reader.TokenType != JsonTokenType.Null;
            return;
        }

        var name = Member(ref reader);
        reader.Read();
        switch (name)
        {
            case Field.Id:
                fields.Id = Text(ref reader, json);
                break;
            case Field.RoomId:
                fields.RoomId = Shared(ref reader, json);
                break;
            case Field.Text:
                fields.Text = Text(ref reader, json);
                break;
            case Field.SystemType:
                fields.SystemType = Shared(ref reader, json);
                break;
            case Field.Alias:
                fields.Alias = Shared(ref reader, json);
                break;
            case Field.Sent:
                fields.Sent = Timestamp(ref reader, json);
                break;
            case Field.Edited:
                fields.Edited = Timestamp(ref reader, json);
                break;
            case Field.User:
                ReadUser(ref reader, json, ref fields);
                break;
            case Field.Bot:
                fields.FromBot = reader.TokenType != JsonTokenType.Null;
                cuts.SkipValue(ref reader, json);
                break;
            case Field.Files:
                fields.Files = Items(ref reader, json, static (RocketChatMessageReader self, ref Utf8JsonReader r, ReadOnlySpan<byte> j) => self.ReadFile(ref r, j));
                break;
            case Field.File:
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                var file = ReadFile(ref reader, json);
                fields.File = isObject ? file : null;
                break;
            case Field.Attachments:
                fields.Links = Items(ref reader, json, static (RocketChatMessageReader self, ref Utf8JsonReader r, ReadOnlySpan<byte> j) => self.ReadLink(ref r, j));
                break;
            default:
                cuts.SkipValue(ref reader, json);
                break;
        }
    }

    private enum Field
    {
        Other,
        Id,
        RoomId,
        Text,
        SystemType,
        Alias,
        Sent,
        Edited,
        User,
        Bot,
        Files,
        File,
        Attachments,
    }

    private static Field Member(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("_id"u8) ? Field.Id
        : reader.ValueTextEquals("rid"u8) ? Field.RoomId
        : reader.ValueTextEquals("msg"u8) ? Field.Text
        : reader.ValueTextEquals("ts"u8) ? Field.Sent
        : reader.ValueTextEquals("u"u8) ? Field.User
        : reader.ValueTextEquals("t"u8) ? Field.SystemType
        : reader.ValueTextEquals("alias"u8) ? Field.Alias
        : reader.ValueTextEquals("editedAt"u8) ? Field.Edited
        : reader.ValueTextEquals("bot"u8) ? Field.Bot
        : reader.ValueTextEquals("files"u8) ? Field.Files
        : reader.ValueTextEquals("file"u8) ? Field.File
        : reader.ValueTextEquals("attachments"u8) ? Field.Attachments
        : Field.Other;

    /// <summary>u: the author's id, user name and display name, when it is an object.</summary>
    private void ReadUser(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref MessageFields fields)
    {
        fields.HasUser = reader.TokenType == JsonTokenType.StartObject;
        fields.User = ReadObject<UserFields>(ref reader, json, UserMember);
    }

    private static bool UserMember(RocketChatMessageReader self, ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref UserFields user)
    {
        if (reader.ValueTextEquals("_id"u8))
        {
            reader.Read();
            user.Id = self.Shared(ref reader, json);
        }
        else if (reader.ValueTextEquals("username"u8))
        {
            reader.Read();
            user.UserName = self.Shared(ref reader, json);
        }
        else if (reader.ValueTextEquals("name"u8))
        {
            reader.Read();
            user.DisplayName = self.Shared(ref reader, json);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Reads one member of an object into its fields; false when the member is not one of them.</summary>
    private delegate bool MemberReader<T>(RocketChatMessageReader self, ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref T fields)
        where T : struct;

    /// <summary>An object's members read into fields, token members cut, the others skipped; default fields when it is not an object.</summary>
    private T ReadObject<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, MemberReader<T> member)
        where T : struct
    {
        var fields = default(T);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            cuts.SkipValue(ref reader, json);
            return fields;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (TokenCuts.IsToken(ref reader))
            {
                cuts.Cut(ref reader, json);
            }
            else if (!member(this, ref reader, json, ref fields))
            {
                reader.Read();
                cuts.SkipValue(ref reader, json);
            }
        }

        return fields;
    }

    /// <summary>A string as it is, a number as written, true or false; null for null, objects and arrays.</summary>
    private string? Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                cuts.SkipValue(ref reader, json);
                return null;
        }
    }

    /// <summary>As <see cref="Text"/>, a string shared with earlier messages of the session.</summary>
    private string? Shared(ref Utf8JsonReader reader, ReadOnlySpan<byte> json) =>
        reader.TokenType == JsonTokenType.String ? repeated.Of(ref reader) : Text(ref reader, json);

    /// <summary>ISO 8601 strings, or the {"$date": ms} form older servers send.</summary>
    private DateTimeOffset? Timestamp(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var parsed))
        {
            return parsed.Kind switch
            {
                DateTimeKind.Unspecified or DateTimeKind.Utc => new DateTimeOffset(parsed, TimeSpan.Zero),
                _ => reader.TryGetDateTimeOffset(out var withOffset) ? withOffset : null,
            };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonFields.ParseDate(Text(ref reader, json));
        }

        return ReadObject<EpochDate>(ref reader, json, EpochMember).Milliseconds is { } milliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
    }

    private static bool EpochMember(RocketChatMessageReader self, ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref EpochDate date)
    {
        if (!reader.ValueTextEquals("$date"u8))
        {
            return false;
        }

        reader.Read();
        date.Milliseconds = long.TryParse(self.Text(ref reader, json), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : null;
        return true;
    }
}
