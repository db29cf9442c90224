using System.Text;
using System.Text.Json;
using ChatHistory.Connections;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Security;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.RocketChat;

/// <summary>
/// The reader-based Rocket.Chat message mapping: Raw is the message's own bytes with every "token"
/// member cut out (the livechat visitor token lets anyone write as that visitor), the shapes
/// Rocket.Chat sends (apps/meteor/app/livechat/server/api/v1/message.ts; {"$date": ms} from older
/// servers' EJSON), and how a page that is not JSON or says success: false fails.
/// </summary>
public class RocketChatMessageReaderTests
{
    [Theory]
    [InlineData("""{"token":"secret","_id":"a","msg":"x"}""", """{"_id":"a","msg":"x"}""")]
    [InlineData("""{"_id":"a","token":"secret","msg":"x"}""", """{"_id":"a","msg":"x"}""")]
    [InlineData("""{"_id":"a","msg":"x","token":"secret"}""", """{"_id":"a","msg":"x"}""")]
    [InlineData("""{"token":"secret"}""", """{}""")]
    [InlineData("""{"_id":"a","\u0074oken":"secret","msg":"x"}""", """{"_id":"a","msg":"x"}""")]
    [InlineData("""{"_id":"a","token":1,"token":{"s":"secret"}}""", """{"_id":"a"}""")]
    [InlineData("""{"token":1,"token":"secret","_id":"a"}""", """{"_id":"a"}""")]
    [InlineData("""{"token":1,"token":"secret"}""", """{}""")]
    [InlineData(
        """{"_id":"a","u":{"_id":"v","token":"secret"},"list":[{"token":{"deep":["secret"]},"keep":1},2],"ts":{"$date":1,"token":"secret"},"files":[{"token":"secret","name":"a.png"}],"msg":"token"}""",
        """{"_id":"a","u":{"_id":"v"},"list":[{"keep":1},2],"ts":{"$date":1},"files":[{"name":"a.png"}],"msg":"token"}""")]
    public void TokenMembersAreCutFromCompactJsonByteForByte(string json, string expected)
    {
        var message = RocketChatMessages.Map(json);

        Assert.Equal(expected, message.Raw);
        Assert.DoesNotContain("secret", message.Raw);
        using var document = JsonDocument.Parse(json);
        Assert.True(MessageDifferences.SameJson(RawJson.Without(document.RootElement, "token"), message.Raw!));
    }

    [Theory]
    [InlineData("{ \"_id\": \"a\",\n  \"token\": \"secret\" ,\n  \"msg\": \"x\" }")]
    [InlineData("{ \"token\" : \"secret\" , \"_id\": \"a\" }")]
    [InlineData("{\n  \"_id\": \"a\",\n  \"u\": { \"token\": \"secret\" },\n  \"token\": \"secret\"\n}")]
    public void TokenMembersAreCutFromIndentedJsonAndTheRestStaysValid(string json)
    {
        var message = RocketChatMessages.Map(json);

        Assert.DoesNotContain("secret", message.Raw);
        using var document = JsonDocument.Parse(json);
        Assert.True(MessageDifferences.SameJson(RawJson.Without(document.RootElement, "token"), message.Raw!));
    }

    [Fact]
    public void AMessageWithoutTokenKeepsItsTextAsItCame()
    {
        const string json = "{ \"_id\": \"m1\", \"msg\": \"my token is not a member\", \"u\": { \"_id\": \"a\" } }";

        Assert.Equal(json, RocketChatMessages.Map(json).Raw);
    }

    [Fact]
    public void TheVisitorTokenMarksTheVisitorAndTheirAlias()
    {
        var visitor = RocketChatMessages.Map("""{"_id":"a","alias":"Maria","\u0074oken":"t","u":{"_id":"v","username":"guest-1","name":"Guest"}}""");
        var nullToken = RocketChatMessages.Map("""{"_id":"b","alias":"Maria","token":null,"u":{"_id":"v","username":"guest-1","name":"Guest"}}""");

        Assert.Equal(ChatAuthorRole.Visitor, visitor.AuthorRole);
        Assert.Equal("Maria", visitor.AuthorName);
        Assert.Equal(ChatAuthorRole.Agent, nullToken.AuthorRole);
        Assert.Equal("Guest", nullToken.AuthorName);
    }

    [Fact]
    public void DatesComeAsIsoStringsOrAsDateObjects()
    {
        var message = RocketChatMessages.Map("""{"_id":"a","ts":{"$date":1704103200000},"editedAt":{"$date":"1704103260000"}}""");
        var iso = RocketChatMessages.Map("""{"_id":"b","ts":"2024-01-01T10:00:00.000Z","editedAt":"2024-01-01T12:01:00+02:00"}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1704103200000), message.Timestamp);
        Assert.Equal(TimeSpan.Zero, message.Timestamp.Offset);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1704103260000), message.EditedAt);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero), iso.Timestamp);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 1, 0, TimeSpan.Zero), iso.EditedAt);
    }

    [Fact]
    public void NumericIdsReadAsTheirText()
    {
        var message = RocketChatMessages.Map("""{"_id":12345,"rid":42,"msg":7,"u":{"_id":9,"username":"alice"}}""");

        Assert.Equal("12345", message.MessageId);
        Assert.Equal("42", message.SessionId);
        Assert.Equal("9", message.AuthorId);
        Assert.Equal("7", message.Text);
    }

    [Fact]
    public void OneFileAndItsAttachmentBecomeOneAbsoluteAttachment()
    {
        var message = RocketChatMessages.Map("""
            {"_id":"a","rid":"r","msg":"","u":{"_id":"ag","username":"alice"},
             "file":{"_id":"F","name":"clip.mp4","type":"video/mp4","size":2048},
             "attachments":[{"title":"clip.mp4","title_link":"/file-upload/F/clip.mp4","video_url":"/file-upload/F/clip.mp4","video_type":"video/mp4"},
                            {"title":"elsewhere","image_url":"https://cdn.example.org/x%20y.png","image_type":"image/png","image_size":5}]}
            """);

        Assert.Equal(ChatMessageKinds.Video, message.Kind);
        Assert.Equal(2, message.AttachmentCount);
        Assert.Equal("https://chat.example.com/file-upload/F/clip.mp4", message.Attachments[0].Url);
        Assert.Equal("clip.mp4", message.Attachments[0].Name);
        Assert.Equal(2048, message.Attachments[0].Size);
        Assert.Equal("https://cdn.example.org/x%20y.png", message.Attachments[1].Url);
        Assert.Equal("image/png", message.Attachments[1].ContentType);
        Assert.Equal(5, message.Attachments[1].Size);
    }

    [Fact]
    public void APageGivesItsMessagesTotalAndWhetherItMayHaveFailed()
    {
        var reader = new RocketChatMessageReader(RocketChatMessages.Server, "c", new RepeatedStrings());
        var messages = new List<ChatMessage>();

        var page = reader.ReadPage(Encoding.UTF8.GetBytes("""{"messages":[{"_id":"a","token":"s"},{"_id":"b"}],"offset":0,"total":"7","success":true}"""), messages);
        var failed = reader.ReadPage(Encoding.UTF8.GetBytes("""{"success":false,"error":"invalid-room"}"""), []);

        Assert.Equal(new RocketChatPage(2, 7, MaybeFailed: false), page);
        Assert.Equal(["a", "b"], messages.Select(m => m.MessageId));
        Assert.Equal("""{"_id":"a"}""", messages[0].Raw);
        Assert.True(failed.MaybeFailed);
    }

    [Theory]
    [InlineData("""{"messages":[{"_id":"a","msg":"x"},""")]
    [InlineData("""{"messages":[{"_id":"a","msg":"x"}],"total":1}}""")]
    [InlineData("""{"messages":[{"_id":"a" "msg":"x"}],"total":1}""")]
    public async Task AMalformedPageIsAProtocolError(string page)
    {
        await using var server = await RocketChatStubAsync(200, page);
        using var connection = await ConnectAsync(server);

        var (messages, error) = await connection.GetMessagesAsync("ROOM1", new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        Assert.Empty(messages);
        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.ProtocolError, failure.Kind);
        Assert.Contains("200", failure.Message);
        Assert.Contains("malformed JSON", failure.Message);
        Assert.Null(failure.InnerException);
    }

    /// <summary>Rocket.Chat API failures carry success: false and error (apps/meteor/app/api/server/api.ts, failure()).</summary>
    [Fact]
    public async Task APageThatSaysSuccessFalseFailsAsEveryRocketChatAnswerDoes()
    {
        await using var server = await RocketChatStubAsync(200, """{"messages":[{"_id":"a"}],"success":false,"error":"invalid-room"}""");
        using var connection = await ConnectAsync(server);

        var (messages, error) = await connection.GetMessagesAsync("ROOM1", new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        Assert.Empty(messages);
        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.ProtocolError, failure.Kind);
        Assert.Equal("The server answered 200 while reading the messages of session ROOM1.", failure.Message);
        Assert.Equal("invalid-room", failure.ProviderMessage);
        Assert.Equal("ROOM1", failure.SessionId);
    }

    [Fact]
    public async Task AFailedAnswerWithAMalformedBodyIsAProtocolError()
    {
        await using var server = await RocketChatStubAsync(400, """{"success":false,"error":""");
        using var connection = await ConnectAsync(server);

        var (_, error) = await connection.GetMessagesAsync("ROOM1", new ChatMessageQuery(), CancellationToken.None).UntilErrorAsync();

        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.ProtocolError, failure.Kind);
        Assert.Contains("400", failure.Message);
        Assert.Contains("malformed JSON", failure.Message);
    }

    private static Task<StubServer> RocketChatStubAsync(int status, string messagesPage) =>
        StubServer.StartAsync(path => path switch
        {
            "/api/v1/me" => (200, """{"_id":"u1","username":"bob","success":true}"""),
            "/api/info" => (200, """{"version":"6.9.0","success":true}"""),
            _ => (status, messagesPage),
        });

    private static Task<ChatConnection> ConnectAsync(StubServer server) =>
        ChatConnection.OpenAsync("rc", new RocketChatSettings
        {
            ServerUrl = server.Url,
            UserId = "u1",
            AuthToken = new Secret("stub-token"),
            Policy = Connect.FastPolicy,
        }, CancellationToken.None);
}
