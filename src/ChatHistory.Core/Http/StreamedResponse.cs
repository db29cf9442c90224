namespace ChatHistory.Http;

/// <summary>
/// Marks a request whose body is to be streamed (a file download) rather than read into memory by
/// the retry handler. Such a request is retried only until its headers arrive; the reader of the
/// body guards against a stalled body itself.
/// </summary>
public static class StreamedResponse
{
    private static readonly HttpRequestOptionsKey<bool> Key = new("ChatHistory.StreamedResponse");

    public static HttpRequestMessage Mark(HttpRequestMessage request)
    {
        request.Options.Set(Key, true);
        return request;
    }

    public static bool IsRequested(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var streamed) && streamed;

    /// <summary>Sends a marked GET and returns once the headers are in; the caller disposes the response.</summary>
    public static Task<HttpResponseMessage> GetAsync(HttpClient client, Uri url, CancellationToken cancellationToken, Action<HttpRequestMessage>? prepare = null)
    {
        var request = Mark(new HttpRequestMessage(HttpMethod.Get, url));
        prepare?.Invoke(request);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
