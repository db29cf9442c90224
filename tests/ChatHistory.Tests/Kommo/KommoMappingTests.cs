using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers.Kommo;

namespace ChatHistory.Tests.Kommo;

/// <summary>amojo history entries (the documented fields) to messages and sessions.</summary>
public class KommoMappingTests
{
    private const string Customer = """{"id":"cust-amojo-1","client_id":"ext-user-1","name":"Maria","avatar":"https://example.com/a.png","phone":"+15550100","email":"maria@example.com"}""";
    private const string Agent = """{"id":"agent-amojo-1","name":"Alice Agent"}""";

    private static ChatMessage Map(string message, string sender = Customer, string receiver = Agent, string timestamps = "\"timestamp\":1790841600,\"msec_timestamp\":1790841600250")
    {
        using var document = JsonDocument.Parse($$"""{{{timestamps}},"sender":{{sender}},"receiver":{{receiver}},"message":{{message}}}""");
        return KommoMapper.MapMessage(document.RootElement, "conv-1", "kommo");
    }

    [Fact]
    public void CustomerTextMessage()
    {
        var message = Map("""{"id":"m1","client_id":"ext-msg-1","type":"text","text":"Where is my order?","media":"","thumbnail":"","file_name":"","file_size":0}""");

        Assert.Equal(ChatProviderKind.Kommo, message.Provider);
        Assert.Equal("kommo", message.Connection);
        Assert.Equal("conv-1", message.SessionId);
        Assert.Equal("m1", message.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790841600250), message.Timestamp);
        Assert.Equal("cust-amojo-1", message.AuthorId);
        Assert.Equal("Maria", message.AuthorName);
        Assert.Equal(ChatAuthorRole.Visitor, message.AuthorRole);
        Assert.Equal("Where is my order?", message.Text);
        Assert.Equal(ChatMessageKinds.Text, message.Kind);
        Assert.Empty(message.Attachments);
        Assert.Contains("\"receiver\"", message.Raw);
    }

    [Fact]
    public void AgentMessageWithoutMsecTimestampFallsBackToSeconds()
    {
        var message = Map("""{"id":"m2","type":"text","text":"On its way."}""", sender: Agent, receiver: Customer, timestamps: "\"timestamp\":1790841660");

        Assert.Equal(ChatAuthorRole.Agent, message.AuthorRole);
        Assert.Equal("Alice Agent", message.AuthorName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1790841660), message.Timestamp);
    }

    [Theory]
    [InlineData("picture", ChatMessageKinds.Image, "image")]
    [InlineData("video", ChatMessageKinds.Video, "video")]
    [InlineData("file", ChatMessageKinds.File, "file")]
    [InlineData("voice", ChatMessageKinds.Voice, "voice")]
    [InlineData("audio", ChatMessageKinds.Audio, "audio")]
    [InlineData("sticker", ChatMessageKinds.Sticker, "sticker")]
    public void MediaMessagesCarryOneAttachment(string type, string kind, string attachmentKind)
    {
        var message = Map($$"""{"id":"m3","type":"{{type}}","text":"","media":"https://amojo.kommo.com/attachments/f1/x.bin","thumbnail":"https://amojo.kommo.com/attachments/f1/t.jpg","file_name":"x.bin","file_size":2048}""");

        Assert.Equal(kind, message.Kind);
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("https://amojo.kommo.com/attachments/f1/x.bin", attachment.Url);
        Assert.Equal("x.bin", attachment.Name);
        Assert.Equal(attachmentKind, attachment.Kind);
        Assert.Equal(2048, attachment.Size);
        Assert.Equal("x.bin", message.Text);
        Assert.Equal(string.Empty, message.OriginalText);
        Assert.Equal("https://amojo.kommo.com/attachments/f1/x.bin", message.AttachmentUrls);
    }

    [Fact]
    public void CaptionOfAPictureIsItsText()
    {
        var message = Map("""{"id":"m4","type":"picture","text":"the broken part","media":"https://amojo.kommo.com/p.jpg","file_name":"p.jpg","file_size":0}""");

        Assert.Equal("the broken part", message.Text);
        Assert.Null(Assert.Single(message.Attachments).Size);
    }

    [Fact]
    public void LocationAndContactBecomeReadableText()
    {
        var location = Map("""{"id":"m5","type":"location","text":"","media":"","location":{"lon":-73.9857,"lat":40.7484}}""");
        var contact = Map("""{"id":"m6","type":"contact","text":"","contact":{"name":"Jane Roe","phone":"+15550199"}}""");

        Assert.Equal(ChatMessageKinds.Location, location.Kind);
        Assert.Equal("40.7484, -73.9857", location.Text);
        Assert.Empty(location.Attachments);
        Assert.Equal(ChatMessageKinds.Contact, contact.Kind);
        Assert.Equal("Jane Roe, +15550199", contact.Text);
    }

    [Fact]
    public void UnknownTypeIsPassedThroughAndUnknownMembersIgnored()
    {
        var message = Map("""{"id":"m7","type":"carousel","text":"Pick one","buttons":[{"text":"A"}],"future_field":{"x":1}}""");

        Assert.Equal("carousel", message.Kind);
        Assert.Equal("Pick one", message.Text);
        Assert.Contains("future_field", message.Raw);
    }

    [Fact]
    public void ConversationTakesTheCustomerAndTimeOfItsNewestEntry()
    {
        using var entry = JsonDocument.Parse($$$"""{"timestamp":1790841660,"msec_timestamp":1790841660500,"sender":{{{Agent}}},"receiver":{{{Customer}}},"message":{"id":"m9","type":"text","text":"Bye"}}""");
        using var chat = JsonDocument.Parse("""{"chat_id":"conv-1","contact_id":20001,"id":7001}""");

        var session = KommoMapper.MapConversation("conv-1", entry.RootElement, chat.RootElement, "kommo");
        var empty = KommoMapper.MapConversation("conv-2", null, null, "kommo");

        Assert.Equal("conv-1", session.SessionId);
        Assert.Equal(ChatProviderKind.Kommo, session.Provider);
        Assert.Equal("cust-amojo-1", session.VisitorId);
        Assert.Equal("Maria", session.VisitorName);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790841660500), session.LastMessageAt);
        Assert.Null(session.MessageCount);
        Assert.Contains("\"contact_id\":20001", session.Raw);
        Assert.Equal(0, empty.MessageCount);
        Assert.Null(empty.LastMessageAt);
        Assert.Null(empty.Raw);
    }
}
