namespace ChatHistory.Simulator.Bitrix24;

public sealed class Bitrix24Options
{
    public int Seed { get; init; } = 1982;

    public int SessionCount { get; init; } = 130;

    /// <summary>False makes imopenlines.v2.Session.list answer ERROR_METHOD_NOT_FOUND, as older portals do.</summary>
    public bool HasSessionListV2 { get; init; } = true;

    /// <summary>The largest offset Session.list accepts (OFFSET_TOO_LARGE past it).</summary>
    public int MaxOffset { get; init; } = 10_000;

    /// <summary>The longest dateCreateFrom..dateCreateTo span Session.list accepts (PERIOD_TOO_LARGE past it).</summary>
    public int MaxPeriodDays { get; init; } = 366;

    /// <summary>The leaky bucket's size; 0 turns it off. A real portal has 50 (Enterprise 250).</summary>
    public int BucketSize { get; init; }

    /// <summary>Requests the bucket drains per second; a real portal 2 (Enterprise 5).</summary>
    public double LeakPerSecond { get; init; } = 2;

    /// <summary>Server time each call charges to its method's budget; 0 turns the budget off.</summary>
    public double OperatingSecondsPerCall { get; init; }

    /// <summary>Server time a method may use in <see cref="OperatingWindow"/>; 480 s on a portal.</summary>
    public double OperatingLimitSeconds { get; init; } = 480;

    public TimeSpan OperatingWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Sessions whose history the webhook's user may not read (ACCESS_DENIED).</summary>
    public IReadOnlySet<int> DeniedSessionIds { get; init; } = new HashSet<int>();

    public int WebhookUserId { get; init; } = 1;

    public string WebhookSecret { get; init; } = "sim7b24webhook0secret";

    public string AccessToken { get; init; } = "sim-bitrix24-access-token-0001";

    public string RefreshToken { get; init; } = "sim-bitrix24-refresh-token-0001";

    public string ClientId { get; init; } = "local.sim0000000000001";

    public string ClientSecret { get; init; } = "sim-bitrix24-client-secret";

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);
}
