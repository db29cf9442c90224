namespace ChatHistory.Tests.Support;

/// <summary>
/// Real time, except that waits shorter than <see cref="ShortWaitLimit"/> (retry delays) fire at
/// once and are recorded, so a test can check that the client would have waited as long as the
/// server asked without waiting itself. Longer timers (attempt timeouts) run as usual.
/// </summary>
public sealed class FastForwardTime : TimeProvider
{
    public static readonly TimeSpan ShortWaitLimit = TimeSpan.FromSeconds(30);

    private readonly List<TimeSpan> skipped = [];

    public IReadOnlyList<TimeSpan> SkippedWaits
    {
        get
        {
            lock (skipped)
            {
                return skipped.ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime < ShortWaitLimit && period == Timeout.InfiniteTimeSpan)
        {
            lock (skipped)
            {
                skipped.Add(dueTime);
            }

            dueTime = TimeSpan.FromMilliseconds(1);
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
