using System.Globalization;
using ChatHistory.Diagnostics;

namespace ChatHistory.Http;

/// <summary>
/// Paces requests by the windows a server announces per route (Rocket.Chat's X-RateLimit-Limit,
/// -Remaining and -Reset, reset in epoch milliseconds): a route whose window is spent waits for its
/// reset instead of bouncing off a 429, and other routes go on meanwhile.
/// </summary>
internal sealed class ServerRateWindows(Func<HttpRequestMessage, string> routeOf, TimeProvider time)
{
    /// <summary>
    /// Past a reset before the next call goes: the reset is a server-clock millisecond, and a
    /// server that resets only once that millisecond is over refuses a call timed exactly on it.
    /// </summary>
    public static readonly TimeSpan InitialResetMargin = TimeSpan.FromMilliseconds(5);

    /// <summary>The most the margin grows to when a call timed after a reset is refused all the same.</summary>
    public static readonly TimeSpan MaxResetMargin = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<string, Window> windows = new(StringComparer.Ordinal);

    // Grows when the server refuses a call this client timed after a reset: its clock is behind ours.
    private TimeSpan resetMargin = InitialResetMargin;

    /// <summary>How long past a reset the next call waits now.</summary>
    public TimeSpan ResetMargin
    {
        get
        {
            lock (windows)
            {
                return resetMargin;
            }
        }
    }

    /// <summary>Waits until the request's route has a call left, and books it.</summary>
    public async ValueTask<string> EnterAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = routeOf(request);
        Window window;
        lock (windows)
        {
            if (!windows.TryGetValue(route, out window!))
            {
                windows[route] = window = new Window();
            }
        }

        while (true)
        {
            TimeSpan wait;
            int? limit;
            var margin = ResetMargin;
            lock (window)
            {
                var now = time.GetUtcNow();
                // The margin applies to a call that finds the reset already past as much as to one
                // that waited for it: an answer that comes late can leave the next call a fraction
                // of a millisecond after the announced reset, still inside the server's window.
                if (window.Remaining is not null && now >= window.Reset + margin)
                {
                    // A new window: as many calls as the server said a window holds.
                    window.Remaining = window.Limit;
                }

                if (window.Remaining is null || window.Remaining - window.InFlight > 0)
                {
                    window.InFlight++;
                    return route;
                }

                wait = window.Reset + margin - now;
                limit = window.Limit;
            }

            ChatLog.Current.Verbose(string.Create(
                CultureInfo.InvariantCulture,
                $"Waiting {wait.TotalSeconds:0.0} s for the server's rate window on {route} to reset (limit {limit})."));
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Releases the booking and learns the window from the answer's headers, if any. A 429 teaches
    /// no window here: the retry handler already waits for the reset it names, and learning it too
    /// would make the retried request wait twice. It widens the margin past resets instead.
    /// </summary>
    public void Leave(string route, HttpResponseMessage? response)
    {
        Window window;
        lock (windows)
        {
            window = windows[route];
            if (response is { StatusCode: System.Net.HttpStatusCode.TooManyRequests })
            {
                Widen();
            }
        }

        lock (window)
        {
            window.InFlight--;
            if (response is { StatusCode: not System.Net.HttpStatusCode.TooManyRequests }
                && ReadNumber(response, "X-RateLimit-Limit") is { } limit
                && ReadNumber(response, "X-RateLimit-Remaining") is { } remaining
                && ReadNumber(response, "X-RateLimit-Reset") is { } resetMs)
            {
                window.Learn((int)Math.Min(limit, int.MaxValue), (int)Math.Min(remaining, int.MaxValue), DateTimeOffset.FromUnixTimeMilliseconds(resetMs));
            }
        }
    }

    private void Widen()
    {
        var wider = resetMargin * 4;
        resetMargin = wider > MaxResetMargin ? MaxResetMargin : wider;
    }

    private static long? ReadNumber(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private sealed class Window
    {
        /// <summary>Calls left in the current window as the server last said; null until it says.</summary>
        public int? Remaining { get; set; }

        public int? Limit { get; set; }

        public DateTimeOffset Reset { get; set; }

        /// <summary>Calls sent and not yet answered: they will spend the window too.</summary>
        public int InFlight { get; set; }

        /// <summary>
        /// Answers arrive out of order when several calls are in flight: an older answer of the same
        /// window (same reset) says more calls are left than a newer one, and one of an earlier
        /// window names an earlier reset. Neither may raise what the client believes it has left.
        /// </summary>
        public void Learn(int limit, int remaining, DateTimeOffset reset)
        {
            if (Remaining is not null && reset < Reset)
            {
                return;
            }

            Remaining = Remaining is { } known && reset == Reset ? Math.Min(known, remaining) : remaining;
            Limit = limit;
            Reset = reset;
        }
    }
}
