using System.Collections.Concurrent;

namespace ChatHistory.Simulator;

/// <summary>Every request the simulator received, so that tests can count round trips.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<string> entries = new();

    public void Add(string method, string path) => entries.Enqueue($"{method} {path}");

    public IReadOnlyList<string> Entries => entries.ToArray();

    public int Count(string pathPrefix) =>
        entries.Count(e => e[(e.IndexOf(' ') + 1)..].StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase));

    public void Clear() => entries.Clear();
}
