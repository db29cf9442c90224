using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Reads Bitrix24 values from a Utf8JsonReader as <see cref="JsonFields"/> reads them from a
/// document: member names in any ASCII case (Bitrix24 mixes chatId and chatid), ids as strings or
/// numbers, flags as true, "Y" or 1, and an odd-typed value as null rather than an error.
/// </summary>
internal static class Bitrix24Json
{
    /// <summary>Whether the property name the reader is on is <paramref name="name"/> in any ASCII case.</summary>
    public static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Ascii.EqualsIgnoreCase(reader.ValueSpan, name);
        }

        // An escaped name (\u0069d) is rare enough to unescape into a string.
        return Ascii.EqualsIgnoreCase(reader.GetString().AsSpan(), name);
    }

    /// <summary>A string as it is, a number as written, "true" or "false"; null (the value skipped) for anything else.</summary>
    public static string? Text(ref Utf8JsonReader reader)
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
                reader.Skip();
                return null;
        }
    }

    /// <summary>true, false, "Y"/"N" and their kin, or a number (0 is false); null for anything else.</summary>
    public static bool? Flag(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return !reader.ValueSpan.SequenceEqual("0"u8);
            case JsonTokenType.String:
                return reader.GetString() switch
                {
                    "Y" or "y" or "true" or "True" or "1" => true,
                    "N" or "n" or "false" or "False" or "0" => false,
                    _ => null,
                };
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>An ISO 8601 date (without an offset: UTC), or any other form DateTime reads.</summary>
    public static DateTimeOffset? Date(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var parsed))
        {
            return parsed.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(parsed, TimeSpan.Zero)
                : reader.TryGetDateTimeOffset(out var withOffset) ? withOffset : null;
        }

        return JsonFields.ParseDate(Text(ref reader));
    }

    /// <summary>A number, or a string holding one, as a double; null for anything else.</summary>
    public static double? Number(ref Utf8JsonReader reader) => Number(Text(ref reader));

    /// <summary>A number written as invariant text; null for anything else.</summary>
    public static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The bytes of the value the reader is on, which it leaves on the value's last token.</summary>
    public static ReadOnlySpan<byte> ValueBytes(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }
}
