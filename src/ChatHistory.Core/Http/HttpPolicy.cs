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

    /// <summary>Tries of one request in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First backoff delay; it doubles with each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait the client accepts, whether it chose it or the server asked for it.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);
}
