using System.Collections.Concurrent;

namespace ChatHistory.Simulator;

/// <summary>
/// Every request the simulator received, so that tests can count round trips and see which
/// credentials went where (header and query parameter names with the port, never their values).
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<string> entries = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentQueue<AnsweredRequest> answers = new();
    private int atOnce;
    private int mostAtOnce;

    public void Add(string method, string path) => entries.Enqueue($"{method} {path}");

    public void Add(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        Add(request.Method, path);
        var now = Interlocked.Increment(ref atOnce);
        for (var most = Volatile.Read(ref mostAtOnce); now > most; most = Volatile.Read(ref mostAtOnce))
        {
            if (Interlocked.CompareExchange(ref mostAtOnce, now, most) == most)
            {
                break;
            }
        }

        requests.Enqueue(new RecordedRequest(
            request.Method,
            path,
            request.Host.Port ?? 0,
            request.Headers.Keys.ToArray(),
            request.Query.Keys.ToArray()));
    }

    /// <summary>A request's answer is written: how long the simulator took, injected latency included.</summary>
    public void Answered(string path, TimeSpan took)
    {
        Interlocked.Decrement(ref atOnce);
        answers.Enqueue(new AnsweredRequest(path, took));
    }

    /// <summary>The most requests the simulator was answering at the same time since the last <see cref="Clear"/>.</summary>
    public int MostAtOnce => Volatile.Read(ref mostAtOnce);

    public IReadOnlyList<string> Entries => entries.ToArray();

    /// <summary>The answers in the order they were finished.</summary>
    public IReadOnlyList<AnsweredRequest> Answers => answers.ToArray();

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    public int Count(string pathPrefix) =>
        entries.Count(e => e[(e.IndexOf(' ') + 1)..].StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase));

    public void Clear()
    {
        entries.Clear();
        requests.Clear();
        answers.Clear();
        Volatile.Write(ref mostAtOnce, Volatile.Read(ref atOnce));
    }
}

/// <summary>One request: where it went and the names (only) of the headers and query parameters it carried.</summary>
public sealed record RecordedRequest(string Method, string Path, int Port, string[] Headers, string[] Query)
{
    public bool HasHeader(string name) => Headers.Contains(name, StringComparer.OrdinalIgnoreCase);

    public bool HasQuery(string name) => Query.Contains(name, StringComparer.OrdinalIgnoreCase);
}

/// <summary>One answered request: its path and the simulator's time from its arrival to the end of its answer.</summary>
public sealed record AnsweredRequest(string Path, TimeSpan Took);
