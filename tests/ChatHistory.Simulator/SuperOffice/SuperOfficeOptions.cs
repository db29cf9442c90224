namespace ChatHistory.Simulator.SuperOffice;

public sealed class SuperOfficeOptions
{
    public int Seed { get; init; } = 1207;

    public int SessionCount { get; init; } = 45;

    public int MaxMessagesPerSession { get; init; } = 20;

    /// <summary>The customer id in the tenant path; other ids answer 421 Misdirected Request.</summary>
    public string Tenant { get; init; } = "Cust12345";

    public string UserName { get; init; } = "simuser";

    public string Password { get; init; } = "sim-superoffice-password";

    public string Ticket { get; init; } = "7T:sim-superoffice-credential-ticket";

    public string ApplicationToken { get; init; } = "sim-superoffice-application-token";

    public string AccessToken { get; init; } = "8A:sim-superoffice-access-token";

    /// <summary>A Bearer token whose user signs in but has no access to Chat (403 on chat endpoints).</summary>
    public string RestrictedAccessToken { get; init; } = "8A:sim-superoffice-no-chat-licence";

    /// <summary>The largest $top served; larger requests get this many rows and a nextLink.</summary>
    public int MaxTop { get; init; } = 500;

    /// <summary>False serves no odata.nextLink and treats $top as a total, as some archives do.</summary>
    public bool NextLinks { get; init; } = true;

    /// <summary>The server's own zone (a system zone name): dates without SO-TimeZone are written in it.</summary>
    public string ServerTimeZone { get; init; } = "UTC";

    /// <summary>False ignores includeTZOffset in SO-TimeZone, as older servers do.</summary>
    public bool HonorIncludeOffset { get; init; } = true;
}
