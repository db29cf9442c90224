using System.Collections.Concurrent;
using ChatHistory.Diagnostics;

namespace ChatHistory.Tests.Support;

/// <summary>Collects what Core logs, for assertions on log content.</summary>
public sealed class RecordingLog : IChatLog
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => lines.ToArray();

    public void Verbose(string message) => lines.Enqueue("VERBOSE: " + message);

    public void Warning(string message) => lines.Enqueue("WARNING: " + message);
}
