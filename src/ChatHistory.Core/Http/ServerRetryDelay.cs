using System.Globalization;
using System.Net;

namespace ChatHistory.Http;

/// <summary>Reads how long a server asked the client to wait before the next try.</summary>
public static class ServerRetryDelay
{
    /// <summary>
    /// Added to waits until an instant the server named (an HTTP-date, X-RateLimit-Reset): that
    /// instant is truncated to a second or a millisecond, read on the client's clock and waited
    /// for with timers that may fire a little early, so a retry timed exactly on it can land just
    /// before the server's window resets and be refused again.
    /// </summary>
    public static readonly TimeSpan AbsoluteTimeMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Retry-After as seconds or as an HTTP-date, else Rocket.Chat's X-RateLimit-Reset (epoch
    /// milliseconds) on a 429. Null when the server said nothing.
    /// </summary>
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return NotNegative(delta);
        }

        if (retryAfter?.Date is { } date)
        {
            return NotNegative(date - now) + AbsoluteTimeMargin;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetMs))
        {
            return NotNegative(DateTimeOffset.FromUnixTimeMilliseconds(resetMs) - now) + AbsoluteTimeMargin;
        }

        return null;
    }

    private static TimeSpan NotNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
