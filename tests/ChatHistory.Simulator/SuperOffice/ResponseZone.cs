using System.Globalization;

namespace ChatHistory.Simulator.SuperOffice;

/// <summary>
/// The zone a request's dates are written and read in: SO-TimeZone's when sent (the WebAPI
/// converts to it, and writes the offset only with includeTZOffset), else the server's own.
/// </summary>
public sealed record ResponseZone(TimeZoneInfo Zone, bool WithOffset)
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = "UTC",
        ["GMT"] = "UTC",
        ["NO"] = "Europe/Oslo",
        ["261"] = "Europe/Oslo",
        ["US-NY"] = "America/New_York",
    };

    /// <summary>Null when SO-TimeZone names no zone the server knows.</summary>
    public static ResponseZone? From(string? header, SuperOfficeOptions options)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new ResponseZone(TimeZoneInfo.FindSystemTimeZoneById(options.ServerTimeZone), WithOffset: false);
        }

        var parts = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var code = parts.Length == 0 ? string.Empty : parts[0];
        var withOffset = options.HonorIncludeOffset && parts.Skip(1).Any(p => p.Equals("includeTZOffset", StringComparison.OrdinalIgnoreCase));
        var id = Codes.TryGetValue(code, out var known) ? known : code;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? new ResponseZone(zone, withOffset) : null;
    }

    /// <summary>An archive column's date: no fraction, no offset unless asked for; empty when unset.</summary>
    public string Archive(DateTimeOffset? at) =>
        at is { } value ? Format(value, "yyyy-MM-dd'T'HH:mm:ss", WithOffset) : string.Empty;

    /// <summary>A message's WhenPosted, written like the vendor's sample (microseconds and offset) or without the offset.</summary>
    public string Posted(DateTimeOffset at, bool withoutOffset) =>
        Format(at, "yyyy-MM-dd'T'HH:mm:ss.ffffff", !withoutOffset);

    /// <summary>A date in a $filter: 2014.3.4 or ISO 8601; without an offset it is in this zone.</summary>
    public DateTimeOffset ParseLiteral(string text)
    {
        string[] dotted = ["yyyy.M.d", "yyyy.MM.dd", "yyyy.M.d H:mm", "yyyy.MM.dd HH:mm:ss"];
        if (DateTime.TryParseExact(text, dotted, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day, Zone.GetUtcOffset(day));
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return parsed.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(parsed, Zone.GetUtcOffset(parsed))
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        }

        throw new FormatException($"'{text}' is not a date.");
    }

    private string Format(DateTimeOffset at, string pattern, bool withOffset)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var text = local.ToString(pattern, CultureInfo.InvariantCulture);
        return withOffset ? text + local.ToString("zzz", CultureInfo.InvariantCulture) : text;
    }
}
