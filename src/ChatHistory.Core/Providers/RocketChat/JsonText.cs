using System.Text;
using System.Text.Json;

namespace ChatHistory.Providers.RocketChat;

/// <summary>
/// Where a scalar value sits in the page, made a string only when the mapping uses it: an
/// attachment's members are many and most are alternatives (title_link or image_url...).
/// </summary>
internal readonly struct JsonText
{
    private readonly int start;
    private readonly int length;
    private readonly JsonTokenType kind;

    private JsonText(int start, int length, JsonTokenType kind)
    {
        this.start = start;
        this.length = length;
        this.kind = kind;
    }

    /// <summary>The string, number, true or false the reader is on; nothing for other tokens.</summary>
    public static JsonText At(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False
            ? new JsonText((int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex), reader.TokenType)
            : default;

    /// <summary>A string as it is, a number as written, "true" or "false"; null for anything else.</summary>
    public string? Read(ReadOnlySpan<byte> json)
    {
        switch (kind)
        {
            case JsonTokenType.String:
                var reader = new Utf8JsonReader(json.Slice(start, length));
                reader.Read();
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(json.Slice(start, length));
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                return null;
        }
    }
}
