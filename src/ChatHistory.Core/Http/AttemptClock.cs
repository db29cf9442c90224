namespace ChatHistory.Http;

/// <summary>
/// The timeout of one HTTP attempt, started only once the request may go: waiting for the
/// client-side rate limit or for the server's rate window to reset is pacing, not a server that
/// fails to answer, so it does not use up the attempt's time.
/// </summary>
internal sealed class AttemptClock : IDisposable
{
    private static readonly HttpRequestOptionsKey<AttemptClock> Key = new("ChatHistory.AttemptClock");
    private readonly CancellationTokenSource expiry;
    private readonly TimeSpan timeout;

    public AttemptClock(TimeSpan timeout, TimeProvider time)
    {
        this.timeout = timeout;
        expiry = new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, time);
    }

    public TimeSpan Timeout => timeout;

    /// <summary>Cancelled when the attempt has run out of time.</summary>
    public CancellationToken Token => expiry.Token;

    public bool Expired => expiry.IsCancellationRequested;

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    /// <summary>Starts the clock of the request's current attempt, if it has one (called once pacing is done).</summary>
    public static void StartFor(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(Key, out var clock))
        {
            clock.expiry.CancelAfter(clock.timeout);
        }
    }

    public void Dispose() => expiry.Dispose();
}
