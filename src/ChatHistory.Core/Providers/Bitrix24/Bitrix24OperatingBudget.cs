using System.Globalization;
using ChatHistory.Diagnostics;
using ChatHistory.Http;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Bitrix24's second limit: the server time each method used for this application in the last
/// 10 minutes, reported in every answer as time.operating; past 480 s the method answers 429
/// OPERATION_TIME_LIMIT until time.operating_reset_at releases part of it
/// (dev.1c-bitrix.ru/rest_help/rest_sum/operating.php). A method whose next call would cross the
/// limit waits for that release instead of bouncing off it.
/// </summary>
internal sealed class Bitrix24OperatingBudget(TimeProvider time)
{
    public const double LimitSeconds = 480;

    private readonly Dictionary<string, Usage> usage = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask WaitAsync(string method, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            double operating;
            lock (usage)
            {
                if (!usage.TryGetValue(method, out var known) || known.Operating + known.LastCall <= LimitSeconds)
                {
                    return;
                }

                wait = known.ReleaseAt - time.GetUtcNow() + ServerRetryDelay.AbsoluteTimeMargin;
                operating = known.Operating;
                if (wait <= TimeSpan.Zero)
                {
                    // Part of the budget is free again; the next answer says how much.
                    usage[method] = known with { Operating = 0 };
                    return;
                }
            }

            ChatLog.Current.Verbose(string.Create(
                CultureInfo.InvariantCulture,
                $"{method} used {operating:0} s of Bitrix24's {LimitSeconds:0} s of server time in 10 minutes: waiting {wait.TotalSeconds:0.0} s for part of it to be released."));
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Learns the method's use from an answer's time block, if it had both figures.</summary>
    public void Record(string method, double? operating, double? operatingResetAt)
    {
        if (operating is not { } used || operatingResetAt is not { } resetAt)
        {
            return;
        }

        var releaseAt = DateTimeOffset.FromUnixTimeMilliseconds((long)(resetAt * 1000));
        lock (usage)
        {
            // What one call costs is read from how much the total grew; a drop means time was released.
            var lastCall = usage.TryGetValue(method, out var known) && used > known.Operating
                ? Math.Max(known.LastCall, used - known.Operating)
                : known?.LastCall ?? 0;
            usage[method] = new Usage(used, lastCall, releaseAt);
        }
    }

    private sealed record Usage(double Operating, double LastCall, DateTimeOffset ReleaseAt);
}
