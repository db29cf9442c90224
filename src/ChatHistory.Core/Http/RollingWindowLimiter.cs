using System.Threading.RateLimiting;

namespace ChatHistory.Http;

/// <summary>
/// "No more than <c>limit</c> requests in any <c>window</c>", as a server that counts a rolling
/// window on arrival sees it (Kommo's "7 requests per second"). A token bucket with the same
/// figures lets a full bucket go at once and then keeps refilling, so one window can see up to
/// twice the limit; this never lets it.
/// </summary>
/// <remarks>
/// The server counts a request when it arrives, somewhere between the client sending it and the
/// answer coming back. So a request holds its place from the moment it is sent until one window
/// after its answer: the request beyond the limit then reaches the server after the earliest one
/// has left the server's window, whatever the round trip and however busy either side is. The
/// price is one round trip per window (a 200 ms round trip keeps 7 in any second to about 5.8 a
/// second), which is cheaper than refusals that amojo answers by blocking the address.
/// </remarks>
internal sealed class RollingWindowLimiter : RateLimiter
{
    private readonly int limit;
    private readonly TimeSpan window;
    private readonly TimeProvider time;
    private readonly List<Place> places = [];
    private readonly SemaphoreSlim turn = new(1, 1);
    private TaskCompletionSource placeFreed = NewSignal();
    private bool disposed;

    public RollingWindowLimiter(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        this.limit = limit;
        this.window = window;
        this.time = time;
    }

    /// <summary>The limiter an <see cref="HttpPolicy"/> with <see cref="RateCounting.RollingWindow"/> asks for.</summary>
    public static RollingWindowLimiter For(HttpPolicy policy, TimeProvider time)
    {
        var limit = Math.Max(1, policy.Burst);
        return new RollingWindowLimiter(limit, TimeSpan.FromSeconds(limit / policy.RequestsPerSecond), time);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (places)
            {
                var windowTicks = (long)(window.TotalSeconds * time.TimestampFrequency);
                var now = time.GetTimestamp();
                return places.TrueForAll(place => place.AnsweredAt + windowTicks <= now) ? TimeSpan.Zero : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (places)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = limit - places.Count };
        }
    }

    /// <summary>A place only if one is free now and no request is waiting for one: it never goes ahead of a waiter.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        RequireOnePermit(permitCount);
        if (turn.CurrentCount == 0)
        {
            return Refused.Instance;
        }

        lock (places)
        {
            return (RateLimitLease?)TryTakePlace(out _) ?? Refused.Instance;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        RequireOnePermit(permitCount);
        // One waiter at a time, so that requests leave in the order they asked.
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan? wait;
                Task freed;
                lock (places)
                {
                    if (TryTakePlace(out wait) is { } lease)
                    {
                        return lease;
                    }

                    freed = placeFreed.Task;
                }

                using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var timer = Task.Delay(wait ?? Timeout.InfiniteTimeSpan, time, delay.Token);
                await Task.WhenAny(timer, freed).ConfigureAwait(false);
                await delay.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            turn.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            turn.Dispose();
        }
    }

    /// <summary>
    /// A lease when a place is free now; otherwise null and how long until the earliest answered
    /// place frees (null when every place waits for its answer).
    /// </summary>
    private Lease? TryTakePlace(out TimeSpan? wait)
    {
        var now = time.GetTimestamp();
        var windowTicks = (long)(window.TotalSeconds * time.TimestampFrequency);
        places.RemoveAll(place => place.AnsweredAt + windowTicks <= now);
        wait = null;
        if (places.Count < limit)
        {
            var place = new Place();
            places.Add(place);
            return new Lease(this, place);
        }

        if (places.Min(place => place.AnsweredAt) is { } earliest)
        {
            wait = TimeSpan.FromSeconds(Math.Max(0.001, (double)(earliest + windowTicks - now) / time.TimestampFrequency));
        }

        return null;
    }

    private void Answered(Place place)
    {
        TaskCompletionSource freed;
        lock (places)
        {
            place.AnsweredAt = time.GetTimestamp();
            freed = placeFreed;
            placeFreed = NewSignal();
        }

        freed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void RequireOnePermit(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "Each request takes one permit.");
        }
    }

    /// <summary>One request's place in the window.</summary>
    private sealed class Place
    {
        /// <summary>The <see cref="TimeProvider"/> timestamp of the answer; null while the request is out.</summary>
        public long? AnsweredAt { get; set; }
    }

    private sealed class Lease(RollingWindowLimiter limiter, Place place) : RateLimitLease
    {
        private int released;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                limiter.Answered(place);
            }
        }
    }

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
