using System.Globalization;
using System.Text.Json;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// Reads SuperOffice dates, which come with an offset or without one (archive rows never carry
/// it), and writes the dates of archive filters in the zone the server compares them in.
/// </summary>
public sealed class ArchiveClock(TimeZoneInfo zone)
{
    public static readonly ArchiveClock Utc = new(TimeZoneInfo.Utc);

    /// <summary>The zone a date without an offset is read in.</summary>
    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset? Read(JsonElement element, string name) => Parse(element.Str(name));

    /// <summary>An ISO 8601 date: its own offset when it has one, else <see cref="Zone"/>'s offset on that day.</summary>
    public DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        return parsed.Kind switch
        {
            DateTimeKind.Unspecified => new DateTimeOffset(parsed, Zone.GetUtcOffset(parsed)),
            DateTimeKind.Utc => new DateTimeOffset(parsed, TimeSpan.Zero),
            _ => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces),
        };
    }

    /// <summary>The calendar day of an instant in <see cref="Zone"/>, as the archive's restriction strings write dates.</summary>
    public string Day(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyy'.'MM'.'dd", CultureInfo.InvariantCulture);
}
