namespace ChatHistory.Engine;

/// <summary>
/// How far a read has come: a count, its rate, and, when the total is known (-First, or the sum
/// of MessageCount), the percent done and the seconds left, as Write-Progress takes them
/// (-1 for unknown).
/// </summary>
public readonly record struct ProgressEstimate(long Count, double PerSecond, int PercentComplete, int SecondsRemaining)
{
    public static ProgressEstimate Of(long count, ulong? total, TimeSpan elapsed)
    {
        var perSecond = elapsed > TimeSpan.Zero ? count / elapsed.TotalSeconds : 0;
        if (total is not { } known || known == 0)
        {
            return new(count, perSecond, -1, -1);
        }

        var done = Math.Min(count, (long)Math.Min(known, long.MaxValue));
        var percent = (int)Math.Clamp(done * 100 / (double)known, 0, 100);
        var secondsLeft = perSecond > 0 ? (int)Math.Ceiling((known - (ulong)done) / perSecond) : -1;
        return new(count, perSecond, percent, secondsLeft);
    }

    /// <summary>"120 sessions, 35.2/s" as the status line shows it.</summary>
    public string Describe(string noun) =>
        PerSecond > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Count} {noun}, {PerSecond:0.#}/s")
            : $"{Count} {noun}";
}
