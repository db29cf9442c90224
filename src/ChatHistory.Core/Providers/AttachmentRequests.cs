using ChatHistory.Http;

namespace ChatHistory.Providers;

/// <summary>How a provider fetches an attachment URL on its own server, and only there.</summary>
internal static class AttachmentRequests
{
    /// <summary>Same scheme, host and port: the only URLs the platform's credentials may go to.</summary>
    public static bool SameOrigin(Uri endpoint, Uri url) =>
        string.Equals(endpoint.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(endpoint.IdnHost, url.IdnHost, StringComparison.OrdinalIgnoreCase)
        && endpoint.Port == url.Port;

    /// <summary>A streamed GET through <paramref name="client"/> when the URL is on <paramref name="endpoint"/>'s origin; otherwise null.</summary>
    public static async Task<HttpResponseMessage?> OpenIfOwnAsync(
        HttpClient client, Uri endpoint, Uri url, CancellationToken cancellationToken, Action<HttpRequestMessage>? prepare = null) =>
        SameOrigin(endpoint, url)
            ? await StreamedResponse.GetAsync(client, url, cancellationToken, prepare).ConfigureAwait(false)
            : null;
}
