namespace ChatHistory.Http;

/// <summary>
/// A provider's reading of a response that generic status codes do not tell: Bitrix24 signals
/// throttling in the body, not the status. Returns null when the response is not a retryable one.
/// </summary>
public delegate ValueTask<RetryAdvice?> RetryAdvisor(HttpResponseMessage response, CancellationToken cancellationToken);

/// <summary>Retry this response, after <see cref="Delay"/> when the server said how long.</summary>
public sealed record RetryAdvice(string Reason, TimeSpan? Delay);
