using System.Diagnostics;
using System.Threading.RateLimiting;
using ChatHistory.Diagnostics;

namespace ChatHistory.Http;

/// <summary>
/// Keeps one connection under its provider's limits, so that a bulk export stays under them instead
/// of bouncing off them: a client-side token bucket where the provider documents a steady rate (or
/// the user set one), and the server's own per-route windows where it announces them. A request
/// made on a guess (<see cref="SpareCapacity"/>) takes a place only if one is free at once.
/// </summary>
internal sealed class RateLimitHandler(RateLimiter? limiter, string describedRate, ServerRateWindows? serverWindows) : DelegatingHandler
{
    private static readonly TimeSpan NoticeableWait = TimeSpan.FromMilliseconds(250);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = limiter is null ? null
            : SpareCapacity.IsRequested(request) ? TakeSparePlace(limiter)
            : await AcquireAsync(limiter, cancellationToken).ConfigureAwait(false);
        if (serverWindows is null)
        {
            AttemptClock.StartFor(request);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var route = await serverWindows.EnterAsync(request, cancellationToken).ConfigureAwait(false);
        AttemptClock.StartFor(request);
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

    private static RateLimitLease TakeSparePlace(RateLimiter bucket)
    {
        var lease = bucket.AttemptAcquire(1);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new NoSpareCapacityException();
        }

        return lease;
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
