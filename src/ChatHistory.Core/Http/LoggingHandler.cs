using System.Diagnostics;
using ChatHistory.Diagnostics;
using ChatHistory.Security;

namespace ChatHistory.Http;

/// <summary>
/// Writes each attempt (method, host, path, status, time) to the verbose log. The query string is
/// never logged and headers only from an allow-list, because both can carry credentials.
/// </summary>
internal sealed class LoggingHandler(Redactor redactor) : DelegatingHandler
{
    private static readonly string[] LoggedResponseHeaders =
    [
        "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
    ];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = redactor.Redact($"{request.Method} {request.RequestUri?.Host}{request.RequestUri?.AbsolutePath}");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            ChatLog.Current.Verbose(
                $"{target} -> {(int)response.StatusCode} {response.ReasonPhrase} ({elapsed.TotalMilliseconds:0} ms){AllowedHeaders(response)}");
            return response;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            ChatLog.Current.Verbose($"{target} -> failed after {elapsed.TotalMilliseconds:0} ms: {exception.GetType().Name}");
            throw;
        }
    }

    private string AllowedHeaders(HttpResponseMessage response)
    {
        var shown = LoggedResponseHeaders
            .Where(name => response.Headers.Contains(name))
            .Select(name => $"{name}={string.Join(",", response.Headers.GetValues(name))}")
            .ToList();
        return shown.Count == 0 ? string.Empty : redactor.Redact(" [" + string.Join(" ", shown) + "]");
    }
}
