using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatHistory.Providers.Kommo;
using ChatHistory.Security;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>The signing handler against the vendor's worked example and over bodies it did not choose.</summary>
public class KommoSignatureTests
{
    [Fact]
    public async Task SigningHandlerPassesTheKnownAnswerVector()
    {
        using var vector = JsonDocument.Parse(Fixtures.Read("kommo-signature.json"));
        var root = vector.RootElement;
        var date = DateTimeOffset.ParseExact(
            root.GetProperty("date").GetString()!, "ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var capture = new CapturingHandler();
        using var client = new HttpClient(new KommoSigningHandler(new Secret(root.GetProperty("channelSecret").GetString()!), new ManualClock(date))
        {
            InnerHandler = capture,
        });

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(root.GetProperty("method").GetString()!), root.GetProperty("url").GetString()));

        var sent = Assert.Single(capture.Requests);
        Assert.Equal(root.GetProperty("date").GetString(), sent.Headers["Date"]);
        Assert.Equal(root.GetProperty("contentType").GetString(), sent.Headers["Content-Type"]);
        Assert.Equal(root.GetProperty("expectedContentMd5").GetString(), sent.Headers["Content-MD5"]);
        Assert.Equal(root.GetProperty("expectedSignature").GetString(), sent.Headers["X-Signature"]);
        Assert.Equal(Encoding.UTF8.GetBytes(root.GetProperty("body").GetString()!), sent.Body);
    }

    [Fact]
    public async Task ContentMd5CoversTheExactBodyBytesSent()
    {
        const string json = """{"text":"Grüße, 你好 \ud83d\udc4b","n":1}""";
        var capture = new CapturingHandler();
        using var client = new HttpClient(new KommoSigningHandler(new Secret("secret-for-md5"), TimeProvider.System) { InnerHandler = capture });

        // A streamed body: the handler must hash and send the same bytes, not read the stream twice.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        using var response = await client.PostAsync("https://amojo.kommo.com/v2/origin/custom/scope/chats", content);

        var sent = Assert.Single(capture.Requests);
        Assert.Equal(json, Encoding.UTF8.GetString(sent.Body));
        Assert.Equal(Convert.ToHexString(MD5.HashData(sent.Body)).ToLowerInvariant(), sent.Headers["Content-MD5"]);
        var expected = Convert.ToHexString(HMACSHA1.HashData(
            Encoding.UTF8.GetBytes("secret-for-md5"),
            Encoding.UTF8.GetBytes($"POST\n{sent.Headers["Content-MD5"]}\napplication/json\n{sent.Headers["Date"]}\n/v2/origin/custom/scope/chats"))).ToLowerInvariant();
        Assert.Equal(expected, sent.Headers["X-Signature"]);
    }

    [Fact]
    public async Task EachAttemptIsSignedAfreshWithTheCurrentDate()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
        var capture = new CapturingHandler();
        using var invoker = new HttpMessageInvoker(new KommoSigningHandler(new Secret("secret-for-retries"), clock) { InnerHandler = capture });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://amojo.kommo.com/v2/origin/custom/s/chats/c/history?offset=0&limit=50");

        // The retry handler sends the same request object again.
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        clock.Now = clock.Now.AddMinutes(3);
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.Equal(2, capture.Requests.Count);
        Assert.Equal("Thu, 01 Oct 2026 08:00:00 +0000", capture.Requests[0].Headers["Date"]);
        Assert.Equal("Thu, 01 Oct 2026 08:03:00 +0000", capture.Requests[1].Headers["Date"]);
        Assert.NotEqual(capture.Requests[0].Headers["X-Signature"], capture.Requests[1].Headers["X-Signature"]);
        Assert.Single(request.Headers.GetValues("X-Signature"));
        Assert.Single(request.Headers.NonValidated["Date"]);
    }

    /// <summary>Records each request's headers as they would go on the wire, and its body bytes.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<(Dictionary<string, string> Headers, byte[] Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in request.Headers.NonValidated)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            if (request.Content is not null)
            {
                foreach (var header in request.Content.Headers.NonValidated)
                {
                    headers[header.Key] = string.Join(", ", header.Value);
                }
            }

            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Requests.Add((headers, body));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
