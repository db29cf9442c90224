namespace ChatHistory.Bench;

/// <summary>
/// One row of the table. <see cref="OpenAsync"/> prepares what the read needs (a connection) outside
/// the timed part; the result is compared with the row named <see cref="Baseline"/>.
/// </summary>
public sealed record BenchRead(string Name, string Baseline, Func<Task<OpenedRead>> OpenAsync);

public sealed record OpenedRead(Func<Task<int>> ReadAsync, IDisposable? Resource = null) : IDisposable
{
    public void Dispose() => Resource?.Dispose();
}
