using System.Globalization;
using System.Text.Json;

namespace ChatHistory.Providers;

/// <summary>
/// Lenient reads of provider JSON: names match case-insensitively (Bitrix24 mixes chatId and
/// chatid), ids may be strings or numbers, and a missing or odd-typed member reads as null rather
/// than throwing.
/// </summary>
public static class JsonFields
{
    public static JsonElement? Get(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : property.Value;
            }
        }

        return null;
    }

    /// <summary>A string, or a number or boolean written as invariant text.</summary>
    public static string? Str(this JsonElement element, string name) => element.Get(name)?.AsText();

    public static string? AsText(this JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static JsonElement? Obj(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>The array's items; empty when the member is missing or not an array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    public static long? Long(this JsonElement element, string name) =>
        long.TryParse(element.Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static int? Int(this JsonElement element, string name) =>
        int.TryParse(element.Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } text => text.GetString() switch
        {
            "Y" or "y" or "true" or "True" or "1" => true,
            "N" or "n" or "false" or "False" or "0" => false,
            _ => null,
        },
        { ValueKind: JsonValueKind.Number } number => number.GetRawText() != "0",
        _ => null,
    };

    /// <summary>An ISO 8601 date; without an offset it is read as <paramref name="assumeOffset"/> (UTC by default).</summary>
    public static DateTimeOffset? Date(this JsonElement element, string name, TimeSpan? assumeOffset = null) =>
        ParseDate(element.Str(name), assumeOffset);

    public static DateTimeOffset? ParseDate(string? text, TimeSpan? assumeOffset = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        return parsed.Kind switch
        {
            DateTimeKind.Unspecified => new DateTimeOffset(parsed, assumeOffset ?? TimeSpan.Zero),
            DateTimeKind.Utc => new DateTimeOffset(parsed, TimeSpan.Zero),
            _ => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
        };
    }
}
