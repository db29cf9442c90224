namespace ChatHistory.Simulator.Faults;

/// <summary>
/// Injects <see cref="Kind"/> into requests whose path starts with <see cref="PathPrefix"/>:
/// into every <see cref="Every"/>-th matching request, at most <see cref="Times"/> times.
/// </summary>
public sealed record FaultRule
{
    public required FaultKind Kind { get; init; }

    public string PathPrefix { get; init; } = "/";

    /// <summary>When set, only requests whose query string contains it (<c>offset=50</c>).</summary>
    public string? QueryContains { get; init; }

    public int Every { get; init; } = 1;

    public int Times { get; init; } = int.MaxValue;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Seconds sent in Retry-After with 429 and 503.</summary>
    public int RetryAfterSeconds { get; init; } = 0;
}
