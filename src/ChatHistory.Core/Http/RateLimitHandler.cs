using System.Diagnostics;
using System.Threading.RateLimiting;
using ChatHistory.Diagnostics;

namespace ChatHistory.Http;

/// <summary>
/// Keeps one connection under its provider's documented request rate, so that a bulk export stays
/// under the limit instead of bouncing off it.
/// </summary>
internal sealed class RateLimitHandler(RateLimiter limiter, string describedRate) : DelegatingHandler
{
    private static readonly TimeSpan NoticeableWait = TimeSpan.FromMilliseconds(250);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new ChatHistoryException(ChatErrorKind.Throttled, "Too many requests are queued on this connection's rate limiter.");
        }

        var waited = Stopwatch.GetElapsedTime(started);
        if (waited >= NoticeableWait)
        {
            ChatLog.Current.Verbose($"Waited {waited.TotalSeconds:0.0} s for the client-side rate limit ({describedRate}).");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
