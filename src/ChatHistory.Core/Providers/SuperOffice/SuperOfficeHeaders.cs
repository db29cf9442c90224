namespace ChatHistory.Providers.SuperOffice;

/// <summary>The WebAPI's request headers beside Authorization.</summary>
public static class SuperOfficeHeaders
{
    public const string AppToken = "SO-AppToken";
    public const string Language = "SO-Language";
    public const string Culture = "SO-Culture";
    public const string TimeZone = "SO-TimeZone";

    /// <summary>Asks the server to write the offset into the dates it converts to SO-TimeZone.</summary>
    public const string IncludeOffsetFlag = "includeTZOffset";

    /// <summary>
    /// The SO-TimeZone value: the zone, plus includeTZOffset so that converted dates carry their
    /// offset instead of leaving the client to guess it.
    /// </summary>
    public static string TimeZoneValue(string zone) =>
        zone.Contains(IncludeOffsetFlag, StringComparison.OrdinalIgnoreCase) ? zone : $"{zone.Trim()}, {IncludeOffsetFlag}";

    /// <summary>The zone part of an SO-TimeZone value, without its flags.</summary>
    public static string ZoneCode(string value) => value.Split(',')[0].Trim();
}
