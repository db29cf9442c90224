using System.Net;
using System.Text.Json;

namespace ChatHistory.Http;

/// <summary>A response's status and its body parsed as JSON (null when the body is empty).</summary>
public sealed class JsonBody : IDisposable
{
    private readonly JsonDocument? document;
    private readonly PooledBody? body;

    private JsonBody(HttpStatusCode status, JsonDocument? document, PooledBody? body = null)
    {
        Status = status;
        this.document = document;
        this.body = body;
    }

    public HttpStatusCode Status { get; }

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The root element; an undefined element when the body was empty.</summary>
    public JsonElement Root => document?.RootElement ?? default;

    public bool IsEmpty => document is null;

    /// <summary>
    /// Reads the body. An HTML page or malformed JSON becomes a ProtocolError that says what came
    /// back, never a raw parser exception.
    /// </summary>
    public static async Task<JsonBody> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is not BufferedContent buffered)
        {
            return Parse(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), owner: null);
        }

        // The document reads the pooled buffer in place, so the body keeps it until it is disposed.
        var pooled = buffered.TakeBody();
        try
        {
            return Parse(response, pooled.Memory, pooled);
        }
        catch
        {
            pooled.Dispose();
            throw;
        }
    }

    private static JsonBody Parse(HttpResponseMessage response, ReadOnlyMemory<byte> bytes, PooledBody? owner)
    {
        var status = response.StatusCode;
        var text = bytes.Span;
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace((char)text[start]) || text[start] == 0xEF || text[start] == 0xBB || text[start] == 0xBF))
        {
            start++;
        }

        if (start == text.Length)
        {
            return new JsonBody(status, null, owner);
        }

        if (text[start] == (byte)'<')
        {
            throw new ChatHistoryException(
                ChatErrorKind.ProtocolError,
                $"The server answered {(int)status} {response.ReasonPhrase} with an HTML page instead of JSON. Check the URL, or try again later if the service is down.")
            {
                StatusCode = (int)status,
            };
        }

        try
        {
            return new JsonBody(status, JsonDocument.Parse(bytes[start..]), owner);
        }
        catch (JsonException exception)
        {
            throw new ChatHistoryException(
                ChatErrorKind.ProtocolError,
                $"The server answered {(int)status} {response.ReasonPhrase} with malformed JSON ({exception.Message}).")
            {
                StatusCode = (int)status,
            };
        }
    }

    public void Dispose()
    {
        document?.Dispose();
        body?.Dispose();
    }
}

public static class HttpClientJsonExtensions
{
    /// <summary>Sends the request and reads the answer as JSON, whatever its status.</summary>
    public static async Task<JsonBody> SendForJsonAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
        {
            return await JsonBody.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task<JsonBody> GetJsonAsync(this HttpClient client, Uri uri, CancellationToken cancellationToken) =>
        client.SendForJsonAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
}
