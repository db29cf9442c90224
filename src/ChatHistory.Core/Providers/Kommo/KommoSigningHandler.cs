using ChatHistory.Security;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// Signs each amojo request. It sits behind the retry handler, so every attempt gets a fresh Date
/// and the headers of the previous attempt are replaced, not repeated.
/// </summary>
internal sealed class KommoSigningHandler(Secret channelSecret, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (request.Content is not ByteArrayContent)
        {
            // The MD5 must cover the bytes that go on the wire: send exactly the bytes just hashed.
            // A GET gets an empty body too, because only content can carry Content-Type.
            var original = request.Content;
            request.Content = new ByteArrayContent(body);
            original?.Dispose();
        }

        var contentMd5 = KommoSignature.ContentMd5(body);
        var date = KommoSignature.FormatDate(time.GetUtcNow());
        var path = request.RequestUri!.AbsolutePath;
        var signature = KommoSignature.Sign(channelSecret, request.Method.Method, contentMd5, KommoSignature.ContentType, date, path);

        // Without validation, so that the values go out exactly as signed (.NET would rewrite the
        // Date as "GMT" and read Content-MD5 as base64).
        Replace(request.Content.Headers, "Content-Type", KommoSignature.ContentType);
        Replace(request.Content.Headers, "Content-MD5", contentMd5);
        Replace(request.Headers, "Date", date);
        Replace(request.Headers, "X-Signature", signature);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void Replace(System.Net.Http.Headers.HttpHeaders headers, string name, string value)
    {
        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }
}
