using System.Net;
using System.Text.Json;

namespace ChatHistory.Http;

/// <summary>
/// A response's status and its JSON body (empty when the body is only whitespace). The body's UTF-8
/// bytes can be read with a Utf8JsonReader; the JsonDocument is parsed only when <see cref="Root"/> is used.
/// </summary>
public sealed class JsonBody : IDisposable
{
    private readonly ReadOnlyMemory<byte> utf8;
    private readonly PooledBody? body;
    private readonly string? reasonPhrase;
    private JsonDocument? document;
    private bool disposed;

    private JsonBody(HttpStatusCode status, string? reasonPhrase, ReadOnlyMemory<byte> utf8, PooledBody? body)
    {
        Status = status;
        this.reasonPhrase = reasonPhrase;
        this.utf8 = utf8;
        this.body = body;
    }

    public HttpStatusCode Status { get; }

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The body's JSON text as UTF-8, leading whitespace and byte order mark skipped; valid until disposed.</summary>
    public ReadOnlySpan<byte> Utf8
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return utf8.Span;
        }
    }

    /// <summary>The root element, parsed on first use; an undefined element when the body was empty.</summary>
    /// <exception cref="ChatHistoryException">ProtocolError when the body is malformed JSON.</exception>
    public JsonElement Root
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (IsEmpty)
            {
                return default;
            }

            if (document is null)
            {
                try
                {
                    document = JsonDocument.Parse(utf8);
                }
                catch (JsonException exception)
                {
                    throw Malformed(exception);
                }
            }

            return document.RootElement;
        }
    }

    public bool IsEmpty => utf8.IsEmpty;

    /// <summary>What a reader of <see cref="Utf8"/> throws when the body is not JSON: the error Root would give.</summary>
    public ChatHistoryException Malformed(JsonException exception) =>
        new(ChatErrorKind.ProtocolError, $"The server answered {(int)Status} {reasonPhrase} with malformed JSON ({exception.Message}).")
        {
            StatusCode = (int)Status,
        };

    /// <summary>
    /// Reads the body. An HTML page becomes a ProtocolError that says what came back; malformed JSON
    /// becomes one when the body is parsed (<see cref="Root"/>, <see cref="Malformed"/>), never a raw parser exception.
    /// </summary>
    public static async Task<JsonBody> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is not BufferedContent buffered)
        {
            return Read(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), owner: null);
        }

        // The body reads the pooled buffer in place, so it keeps the buffer until it is disposed.
        var pooled = buffered.TakeBody();
        try
        {
            return Read(response, pooled.Memory, pooled);
        }
        catch
        {
            pooled.Dispose();
            throw;
        }
    }

    private static JsonBody Read(HttpResponseMessage response, ReadOnlyMemory<byte> bytes, PooledBody? owner)
    {
        var status = response.StatusCode;
        var text = bytes.Span;
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace((char)text[start]) || text[start] == 0xEF || text[start] == 0xBB || text[start] == 0xBF))
        {
            start++;
        }

        if (start < text.Length && text[start] == (byte)'<')
        {
            throw new ChatHistoryException(
                ChatErrorKind.ProtocolError,
                $"The server answered {(int)status} {response.ReasonPhrase} with an HTML page instead of JSON. Check the URL, or try again later if the service is down.")
            {
                StatusCode = (int)status,
            };
        }

        return new JsonBody(status, response.ReasonPhrase, bytes[start..], owner);
    }

    public void Dispose()
    {
        disposed = true;
        document?.Dispose();
        body?.Dispose();
    }
}

public static class HttpClientJsonExtensions
{
    /// <summary>
    /// Sends the request and reads the answer as JSON, whatever its status. The retry handler has
    /// already read the body into a pooled buffer: ResponseContentRead would have HttpClient copy
    /// it once more (about a third of the bytes the module allocated per message).
    /// </summary>
    public static async Task<JsonBody> SendForJsonAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
        {
            return await JsonBody.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task<JsonBody> GetJsonAsync(this HttpClient client, Uri uri, CancellationToken cancellationToken) =>
        client.SendForJsonAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
}
