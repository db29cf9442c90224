using System.Diagnostics;
using System.Threading.RateLimiting;
using ChatHistory.Diagnostics;

namespace ChatHistory.Http;

/// <summary>
/// Keeps one connection under its provider's limits, so that a bulk export stays under them instead
/// of bouncing off them: a client-side token bucket where the provider documents a steady rate (or
/// the user set one), and the server's own per-route windows where it announces them.
/// </summary>
internal sealed class RateLimitHandler(RateLimiter? limiter, string describedRate, ServerRateWindows? serverWindows) : DelegatingHandler
{
    private static readonly TimeSpan NoticeableWait = TimeSpan.FromMilliseconds(250);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = limiter is null ? null : await AcquireAsync(limiter, cancellationToken).ConfigureAwait(false);
        if (serverWindows is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var route = await serverWindows.EnterAsync(request, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response;
        }
        finally
        {
            serverWindows.Leave(route, response);
        }
    }

    private async Task<RateLimitLease> AcquireAsync(RateLimiter bucket, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lease = await bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new ChatHistoryException(ChatErrorKind.Throttled, "Too many requests are queued on this connection's rate limiter.");
        }

        var waited = Stopwatch.GetElapsedTime(started);
        if (waited >= NoticeableWait)
        {
            ChatLog.Current.Verbose($"Waited {waited.TotalSeconds:0.0} s for the client-side rate limit ({describedRate}).");
        }

        return lease;
    }
}
