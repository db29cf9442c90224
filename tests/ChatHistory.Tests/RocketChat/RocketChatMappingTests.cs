using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.RocketChat;

public class RocketChatMappingTests
{
    [Fact]
    public void VendorSampleRoomMapsToSession()
    {
        using var document = JsonDocument.Parse(Fixtures.Read("rocketchat-visitors-chathistory.json"));
        var room = document.RootElement.GetProperty("history")[0];

        var session = RocketChatMapper.MapRoom(room, "prod");

        Assert.Equal(ChatProviderKind.RocketChat, session.Provider);
        Assert.Equal("prod", session.Connection);
        Assert.Equal("hhMKhHnnbY79mGs9K", session.SessionId);
        Assert.Equal("Maria", session.VisitorName);
        Assert.Equal("QyBAKC5Wc8tcv6cco", session.VisitorId);
        Assert.Equal("Open", session.Status);
        Assert.Equal("CAJioQNAvLnYWTy8i", session.Channel);
        Assert.Equal(2, session.MessageCount);
        Assert.Equal(new DateTimeOffset(2021, 7, 22, 17, 17, 4, 216, TimeSpan.Zero), session.StartedAt);
        Assert.Equal(new DateTimeOffset(2021, 7, 22, 17, 17, 4, 937, TimeSpan.Zero), session.LastMessageAt);
        Assert.Null(session.EndedAt);
        Assert.Contains("\"departmentAncestors\"", session.Raw);
        Assert.DoesNotContain("8s7e9ony6ctl27e1qf8kue", session.Raw);
    }

    [Fact]
    public void VendorSampleLastMessageIsTheVisitors()
    {
        using var document = JsonDocument.Parse(Fixtures.Read("rocketchat-visitors-chathistory.json"));
        var message = document.RootElement.GetProperty("history")[0].GetProperty("lastMessage");

        var mapped = RocketChatMessages.Map(message, "prod");

        Assert.Equal("YfrxZ6gmaYLpPTxFP", mapped.MessageId);
        Assert.Equal("hhMKhHnnbY79mGs9K", mapped.SessionId);
        Assert.Equal(ChatAuthorRole.Visitor, mapped.AuthorRole);
        Assert.Equal("Maria", mapped.AuthorName);
        Assert.Equal("QyBAKC5Wc8tcv6cco", mapped.AuthorId);
        Assert.Equal("hi", mapped.Text);
        Assert.Equal(ChatMessageKinds.Text, mapped.Kind);
        Assert.Equal(0, mapped.AttachmentCount);
        Assert.Equal(new DateTimeOffset(2021, 7, 22, 17, 17, 4, 937, TimeSpan.Zero), mapped.Timestamp);
        Assert.DoesNotContain("8s7e9ony6ctl27e1qf8kue", mapped.Raw);
        using var raw = JsonDocument.Parse(mapped.Raw!);
        Assert.True(raw.RootElement.GetProperty("showConnecting").GetBoolean());
    }

    [Fact]
    public void SystemBotAgentAndFileMessagesAreClassified()
    {
        const string json = """
        [
          {"_id":"a","rid":"r","msg":"Closed by agent","t":"livechat-close","ts":"2024-01-01T10:00:00.000Z","u":{"_id":"ag","username":"alice"}},
          {"_id":"b","rid":"r","msg":"*Hi* see [FAQ](https://x.test/faq)","ts":{"$date":1704103200000},"u":{"_id":"bt","username":"helper.bot"},"bot":{"i":"int"}},
          {"_id":"c","rid":"r","msg":"on it","ts":"2024-01-01T10:00:00.000Z","u":{"_id":"ag","username":"alice","name":"Alice"},"editedAt":"2024-01-01T10:05:00.000Z"},
          {"_id":"d","rid":"r","msg":"","token":"t","ts":"2024-01-01T10:00:00.000Z","u":{"_id":"v","username":"guest-1"},
           "files":[{"_id":"f","name":"shot.png","type":"image/png","size":12}],
           "attachments":[{"title":"shot.png","title_link":"/file-upload/f/shot.png","type":"file"}]}
        ]
        """;
        using var document = JsonDocument.Parse(json);
        var messages = document.RootElement.EnumerateArray().Select(m => RocketChatMessages.Map(m)).ToList();

        Assert.Equal(ChatAuthorRole.System, messages[0].AuthorRole);
        Assert.Equal(ChatMessageKinds.Event, messages[0].Kind);
        Assert.Equal("Closed by agent", messages[0].Text);

        Assert.Equal(ChatAuthorRole.Bot, messages[1].AuthorRole);
        Assert.Equal("Hi see FAQ (https://x.test/faq)", messages[1].Text);
        Assert.Equal("*Hi* see [FAQ](https://x.test/faq)", messages[1].OriginalText);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1704103200000), messages[1].Timestamp);

        Assert.Equal(ChatAuthorRole.Agent, messages[2].AuthorRole);
        Assert.Equal("Alice", messages[2].AuthorName);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 5, 0, TimeSpan.Zero), messages[2].EditedAt);

        Assert.Equal(ChatAuthorRole.Visitor, messages[3].AuthorRole);
        Assert.Equal(ChatMessageKinds.Image, messages[3].Kind);
        var attachment = Assert.Single(messages[3].Attachments);
        Assert.Equal("https://chat.example.com/file-upload/f/shot.png", attachment.Url);
        Assert.Equal("shot.png", attachment.Name);
        Assert.Equal(12, attachment.Size);
        Assert.Equal("https://chat.example.com/file-upload/f/shot.png", messages[3].AttachmentUrls);
    }

    /// <summary>
    /// Rocket.Chat writes file links escaped (title_link /file-upload/ID/invoice%202024-03.pdf, as the
    /// file-upload route serves them); Uri.ToString() would unescape the space and break the link.
    /// </summary>
    [Fact]
    public void AttachmentLinksKeepTheirEscaping()
    {
        const string json = """
        {"_id":"e","rid":"r","msg":"","token":"t","ts":"2024-03-01T10:00:00.000Z","u":{"_id":"v","username":"guest-1"},
         "files":[{"_id":"ID","name":"invoice 2024-03.pdf","type":"application/pdf","size":99}],
         "attachments":[{"title":"invoice 2024-03.pdf","title_link":"/file-upload/ID/invoice%202024-03.pdf","type":"file"}]}
        """;
        var message = RocketChatMessages.Map(json);

        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("https://chat.example.com/file-upload/ID/invoice%202024-03.pdf", attachment.Url);
        Assert.Equal("invoice 2024-03.pdf", attachment.Name);
        Assert.Equal("https://chat.example.com/file-upload/ID/invoice%202024-03.pdf", message.AttachmentUrls);
    }
}
