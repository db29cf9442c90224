namespace ChatHistory.Simulator.Kommo;

/// <summary>
/// Kommo's documented limit, "not more than 7 requests per second"
/// (https://developers.kommo.com/docs/limitations), read literally: no more than that many
/// requests in any one second. How Kommo counts the second is not documented; a sliding window
/// is the strictest reading, so a client that passes it passes any looser one. Refused requests
/// do not count.
/// </summary>
public sealed class KommoRateLimit(int requestsPerSecond)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly Queue<DateTimeOffset> accepted = new();
    private int refused;
    private int acceptedCount;

    public bool Enabled => requestsPerSecond > 0;

    /// <summary>Requests answered 429 so far: a client that keeps to the limit causes none.</summary>
    public int Refused => Volatile.Read(ref refused);

    /// <summary>Requests let through so far, while the limit is on.</summary>
    public int Accepted => Volatile.Read(ref acceptedCount);

    public bool TryEnter(DateTimeOffset now)
    {
        if (!Enabled)
        {
            return true;
        }

        lock (accepted)
        {
            while (accepted.Count > 0 && now - accepted.Peek() >= Second)
            {
                accepted.Dequeue();
            }

            if (accepted.Count >= requestsPerSecond)
            {
                Interlocked.Increment(ref refused);
                return false;
            }

            accepted.Enqueue(now);
            acceptedCount++;
            return true;
        }
    }
}
