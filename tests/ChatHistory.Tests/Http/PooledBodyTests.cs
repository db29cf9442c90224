using System.Buffers;
using System.Net;
using System.Text;
using ChatHistory.Http;

namespace ChatHistory.Tests.Http;

/// <summary>A page's body lives in a pooled buffer: the parsed JSON owns it, and nothing else may reuse it early.</summary>
public class PooledBodyTests
{
    [Fact]
    public async Task TheParsedBodyOutlivesItsResponseWhileThePoolHandsBuffersOut()
    {
        var response = await BufferedResponseAsync("""{"messages":[{"_id":"m1","msg":"hello"}]}""");
        using var body = await JsonBody.ReadAsync(response, CancellationToken.None);
        response.Dispose();

        // Had the response given the buffer back, the pool would hand it out again here.
        var reused = ArrayPool<byte>.Shared.Rent(16 * 1024);
        reused.AsSpan().Fill((byte)'x');

        Assert.Equal("hello", body.Root.GetProperty("messages")[0].GetProperty("msg").GetString());
        ArrayPool<byte>.Shared.Return(reused);
    }

    [Fact]
    public async Task ABodyHandedToItsParserCannotBeReadAgain()
    {
        using var response = await BufferedResponseAsync("""{"ok":true}""");
        using var body = await JsonBody.ReadAsync(response, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnErrorBodyIsStillReadableByWhoeverExplainsTheError()
    {
        using var response = await BufferedResponseAsync("""{"error":"invalid-room"}""", HttpStatusCode.BadRequest);

        Assert.Contains("invalid-room", await response.Content.ReadAsStringAsync());
        Assert.Contains("invalid-room", await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> BufferedResponseAsync(string json, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        await BufferedContent.BufferAsync(response, CancellationToken.None);
        return response;
    }
}
