using System.Net;
using System.Text;
using System.Text.Json;
using ChatHistory.Http;

namespace ChatHistory.Tests.Http;

/// <summary>A body is read as bytes first; the document is parsed when Root is used, and malformed JSON is a ProtocolError either way.</summary>
public class JsonBodyTests
{
    [Fact]
    public async Task Utf8IsTheBodyWithoutLeadingWhiteSpaceOrByteOrderMark()
    {
        using var body = await ReadAsync("\uFEFF \n {\"ok\":true}");

        Assert.Equal("{\"ok\":true}", Encoding.UTF8.GetString(body.Utf8));
        Assert.True(body.Root.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task AWhiteSpaceBodyIsEmpty()
    {
        using var body = await ReadAsync("  \r\n");

        Assert.True(body.IsEmpty);
        Assert.Equal(JsonValueKind.Undefined, body.Root.ValueKind);
    }

    [Fact]
    public async Task MalformedJsonIsAProtocolErrorWhenRootIsUsed()
    {
        using var body = await ReadAsync("""{"messages":[""");

        var failure = Assert.Throws<ChatHistoryException>(() => body.Root);
        Assert.Equal(ChatErrorKind.ProtocolError, failure.Kind);
        Assert.StartsWith("The server answered 200 OK with malformed JSON", failure.Message);
        Assert.Equal(200, failure.StatusCode);
    }

    [Fact]
    public async Task AReaderOfTheBytesReportsMalformedJsonAsRootWould()
    {
        using var body = await ReadAsync("""{"a":1}}""");

        var parseError = Assert.ThrowsAny<JsonException>(() => ReadToEnd(body.Utf8));
        var failure = body.Malformed(parseError);

        Assert.Equal(ChatErrorKind.ProtocolError, failure.Kind);
        Assert.Equal(Assert.Throws<ChatHistoryException>(() => body.Root).Kind, failure.Kind);
        Assert.Contains("malformed JSON", failure.Message);
    }

    private static void ReadToEnd(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
        }
    }

    private static async Task<JsonBody> ReadAsync(string json)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        await BufferedContent.BufferAsync(response, CancellationToken.None);
        return await JsonBody.ReadAsync(response, CancellationToken.None);
    }
}
