namespace ChatHistory.Http;

/// <summary>How one connection talks HTTP: its client-side rate limit and its retry budget.</summary>
public sealed record HttpPolicy
{
    /// <summary>
    /// Steady request rate the client keeps to, per second; 0 sets no client-side ceiling, for
    /// providers that document none or announce their own windows.
    /// </summary>
    public double RequestsPerSecond { get; init; } = 10;

    /// <summary>Requests that may go at once before the steady rate applies.</summary>
    public int Burst { get; init; } = 10;

    /// <summary>How the server counts its limit, and so how the client keeps under it.</summary>
    public RateCounting Counting { get; init; } = RateCounting.TokenBucket;

    /// <summary>Tries of one request in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First backoff delay; it doubles with each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait the client accepts, whether it chose it or the server asked for it.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one attempt may take (answer and body) before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one request may take in all, retries and their waits included, so that a server that
    /// accepts connections and never answers fails the request in minutes rather than hours.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Connect-ChatProvider -TimeoutSec: the whole request within it, each attempt within at most 30 s of it.</summary>
    public HttpPolicy WithTimeout(TimeSpan requestTimeout) => this with
    {
        RequestTimeout = requestTimeout,
        AttemptTimeout = requestTimeout < AttemptTimeout ? requestTimeout : AttemptTimeout,
    };
}

/// <summary>How a provider's server counts requests against its limit.</summary>
public enum RateCounting
{
    /// <summary>A bucket of <see cref="HttpPolicy.Burst"/> that refills at the steady rate (Bitrix24's leaky bucket).</summary>
    TokenBucket,

    /// <summary>
    /// No more than <see cref="HttpPolicy.Burst"/> requests in any Burst / RequestsPerSecond
    /// seconds, counted on arrival (Kommo's "7 requests per second").
    /// </summary>
    RollingWindow,
}
