using System.Text;
using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Model;
using ChatHistory.Security;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// A SuperOffice tenant's WebAPI and one of its three ways in: a user name and password (Basic,
/// onsite), a credential ticket with the application token (SOTicket, online) or an access token
/// (Bearer, online) with an optional application token. Language, culture and time zone go out as
/// the WebAPI's own headers.
/// </summary>
public sealed class SuperOfficeSettings : ChatConnectionSettings
{
    private readonly Uri? apiBase;

    /// <summary>
    /// The tenant's address: https://online.superoffice.com/Cust12345, its /api or its /api/v1;
    /// all three name the same API base.
    /// </summary>
    public required Uri TenantUrl
    {
        get => apiBase!;
        init => apiBase = ToApiBase(value);
    }

    public string? UserName { get; init; }

    public Secret? Password { get; init; }

    /// <summary>A credential ticket (7T:...), sent as Authorization: SOTicket.</summary>
    public Secret? Ticket { get; init; }

    /// <summary>An OpenID Connect access token (8A:...), sent as Authorization: Bearer.</summary>
    public Secret? AccessToken { get; init; }

    /// <summary>The application's client secret, sent as SO-AppToken; required with a ticket.</summary>
    public Secret? ApplicationToken { get; init; }

    /// <summary>Sent as Accept-Language and SO-Language (e.g. en, nb-no).</summary>
    public string? Language { get; init; }

    /// <summary>Sent as SO-Culture (number and date formatting inside strings).</summary>
    public string? Culture { get; init; }

    /// <summary>
    /// A SuperOffice time zone code or id (NO, US-NY, 261) or a system zone name (Europe/Oslo),
    /// sent as SO-TimeZone so that the server converts dates to that zone.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// The zone of dates the server sends without an offset (archive dates do). When not set:
    /// the zone named by <see cref="TimeZone"/> if it is a system zone name, else UTC.
    /// </summary>
    public TimeZoneInfo? ArchiveTimeZone { get; init; }

    public SuperOfficeAuthScheme Scheme =>
        AccessToken is not null ? SuperOfficeAuthScheme.Bearer
        : Ticket is not null ? SuperOfficeAuthScheme.Ticket
        : SuperOfficeAuthScheme.Basic;

    public override ChatProviderKind Kind => ChatProviderKind.SuperOffice;

    public override string DisplayEndpoint => TenantUrl.ToString();

    public override IEnumerable<Secret> Secrets =>
        new[] { Password, Ticket, AccessToken, ApplicationToken, BasicCredential() }.OfType<Secret>();

    /// <summary>
    /// No client-side ceiling: SuperOffice documents no request rate, so the client sets none of its
    /// own; reads are bounded by -ThrottleLimit, and 429/503 answers are retried as Retry-After says.
    /// </summary>
    public override HttpPolicy DefaultPolicy => new() { RequestsPerSecond = 0, Burst = 0 };

    /// <summary>Where dates without an offset belong, and whether that zone is only a fallback to UTC.</summary>
    public (TimeZoneInfo Zone, bool TimeZoneUnresolved) ResolveArchiveZone()
    {
        if (ArchiveTimeZone is not null)
        {
            return (ArchiveTimeZone, false);
        }

        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            return (TimeZoneInfo.Utc, false);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(SuperOfficeHeaders.ZoneCode(TimeZone), out var zone)
            ? (zone, false)
            : (TimeZoneInfo.Utc, true);
    }

    /// <summary>A zone by its IANA or Windows name, for <see cref="ArchiveTimeZone"/>.</summary>
    public static TimeZoneInfo FindTimeZone(string name) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(name.Trim(), out var zone)
            ? zone
            : throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                $"'{name}' is not a time zone this machine knows. Use an IANA or Windows zone name, e.g. Europe/Oslo or W. Europe Standard Time.");

    public override IChatProvider CreateProvider(ProviderContext context)
    {
        EndpointGuard.RequireSecure(TenantUrl.ToString(), "-Url");
        var schemes = new[] { Password is not null, Ticket is not null, AccessToken is not null }.Count(given => given);
        if (schemes != 1)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                "SuperOffice needs exactly one of: -Credential (Basic, onsite), -Ticket with -ApplicationToken (online), or -AccessToken (online).");
        }

        if (Password is not null && string.IsNullOrEmpty(UserName))
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, "SuperOffice Basic authentication needs a user name with the password.");
        }

        if (Ticket is not null && ApplicationToken is null)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                "A SuperOffice ticket (SOTicket) works only with the application token: add -ApplicationToken.");
        }

        return new SuperOfficeProvider(this, context);
    }

    /// <summary>The Basic header value is as secret as the password it encodes.</summary>
    internal Secret? BasicCredential() =>
        Password is null || UserName is null
            ? null
            : new Secret(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password.Reveal()}")));

    private static Uri ToApiBase(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, "-Url must be an absolute https:// URL of the SuperOffice tenant.");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                "-Url must be the tenant's address without a query string, e.g. https://online.superoffice.com/Cust12345/api/v1.");
        }

        var path = url.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            // already the API base
        }
        else if (path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            path += "/v1";
        }
        else
        {
            path += "/api/v1";
        }

        return new UriBuilder(url) { Path = path + "/" }.Uri;
    }
}
