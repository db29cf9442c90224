namespace ChatHistory.Simulator.Bitrix24;

/// <summary>
/// Bitrix24's server-time limit per method: each call's execution time is summed over a sliding
/// window (10 minutes on a portal); past the limit (480 s) the method is refused with 429
/// OPERATION_TIME_LIMIT until the oldest calls leave the window. Every answer reports the sum as
/// time.operating and when part of it is released as time.operating_reset_at
/// (dev.1c-bitrix.ru/rest_help/rest_sum/operating.php).
/// </summary>
public sealed class OperatingLedger(double secondsPerCall, double limitSeconds, TimeSpan window)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> calls = new(StringComparer.OrdinalIgnoreCase);
    private int refused;

    public bool Enabled => secondsPerCall > 0;

    public int Refused => Volatile.Read(ref refused);

    /// <summary>Charges one call of the method, unless its window is already over the limit.</summary>
    public (bool Allowed, double Operating, DateTimeOffset ReleaseAt) Charge(string method, DateTimeOffset now)
    {
        lock (calls)
        {
            if (!calls.TryGetValue(method, out var inWindow))
            {
                calls[method] = inWindow = new Queue<DateTimeOffset>();
            }

            while (inWindow.Count > 0 && now - inWindow.Peek() >= window)
            {
                inWindow.Dequeue();
            }

            var operating = inWindow.Count * secondsPerCall;
            if (operating > limitSeconds)
            {
                Interlocked.Increment(ref refused);
                return (false, operating, inWindow.Peek() + window);
            }

            inWindow.Enqueue(now);
            return (true, operating + secondsPerCall, inWindow.Peek() + window);
        }
    }
}
