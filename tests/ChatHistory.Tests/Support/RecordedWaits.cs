namespace ChatHistory.Tests.Support;

/// <summary>
/// Real time that records every one-shot wait shorter than <see cref="ShortWaitLimit"/> (retry
/// delays). With <c>skipWaits</c> those waits fire at once, so a test can check that the client
/// would have waited as long as the server asked without waiting itself. Longer timers (attempt
/// timeouts: give the policy an AttemptTimeout above the limit) run as usual.
/// </summary>
public sealed class RecordedWaits(bool skipWaits) : TimeProvider
{
    public static readonly TimeSpan ShortWaitLimit = TimeSpan.FromSeconds(30);

    private readonly List<TimeSpan> waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (waits)
            {
                return waits.ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime < ShortWaitLimit && period == Timeout.InfiniteTimeSpan)
        {
            lock (waits)
            {
                waits.Add(dueTime);
            }

            if (skipWaits)
            {
                dueTime = TimeSpan.FromMilliseconds(1);
            }
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
