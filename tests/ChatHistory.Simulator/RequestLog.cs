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

    public void Add(string method, string path) => entries.Enqueue($"{method} {path}");

    public void Add(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        Add(request.Method, path);
        requests.Enqueue(new RecordedRequest(
            request.Method,
            path,
            request.Host.Port ?? 0,
            request.Headers.Keys.ToArray(),
            request.Query.Keys.ToArray()));
    }

    public IReadOnlyList<string> Entries => entries.ToArray();

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    public int Count(string pathPrefix) =>
        entries.Count(e => e[(e.IndexOf(' ') + 1)..].StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase));

    public void Clear()
    {
        entries.Clear();
        requests.Clear();
    }
}

/// <summary>One request: where it went and the names (only) of the headers and query parameters it carried.</summary>
public sealed record RecordedRequest(string Method, string Path, int Port, string[] Headers, string[] Query)
{
    public bool HasHeader(string name) => Headers.Contains(name, StringComparer.OrdinalIgnoreCase);

    public bool HasQuery(string name) => Query.Contains(name, StringComparer.OrdinalIgnoreCase);
}
