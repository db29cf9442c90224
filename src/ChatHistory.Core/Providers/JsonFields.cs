using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace ChatHistory.Providers;

/// <summary>
/// Lenient reads of provider JSON: names match in the casings providers mix (Bitrix24 sends chatId
/// and chatid, urlDownload and urldownload; SuperOffice PascalCase), ids may be strings or numbers,
/// and a missing or odd-typed member reads as null rather than throwing.
/// </summary>
public static class JsonFields
{
    private static readonly ConcurrentDictionary<string, string[]> CaseVariants = new(StringComparer.Ordinal);

    /// <summary>
    /// The member of that name as written, all lower-case, all upper-case, or with its first letter's
    /// case flipped. Looking up these few spellings costs nothing, where comparing every member's
    /// name case-insensitively allocated each name on every miss (most of a message's mapping cost).
    /// </summary>
    public static JsonElement? Get(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (!element.TryGetProperty(name, out var value))
        {
            var found = false;
            foreach (var variant in CaseVariants.GetOrAdd(name, Variants))
            {
                if (element.TryGetProperty(variant, out value))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return null;
            }
        }

        return value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value;
    }

    private static string[] Variants(string name)
    {
        var flipped = name.Length == 0 ? name
            : (char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) : char.ToUpperInvariant(name[0])) + name[1..];
        return new[] { name.ToLowerInvariant(), name.ToUpperInvariant(), flipped }
            .Where(v => v != name)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
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
    public static DateTimeOffset? Date(this JsonElement element, string name, TimeSpan? assumeOffset = null)
    {
        // ISO 8601 as System.Text.Json reads it, without a string per date; other forms fall through.
        if (element.Get(name) is { ValueKind: JsonValueKind.String } value && value.TryGetDateTime(out var parsed))
        {
            return parsed.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(parsed, assumeOffset ?? TimeSpan.Zero)
                : value.TryGetDateTimeOffset(out var withOffset) ? withOffset : null;
        }

        return ParseDate(element.Str(name), assumeOffset);
    }

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
