using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.SuperOffice;

public class SuperOfficeMappingTests
{
    private static readonly ArchiveClock Oslo = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"));

    [Fact]
    public void VendorSampleMessageMaps()
    {
        using var document = JsonDocument.Parse(Fixtures.Read("superoffice-chatsession-messages.json"));
        var message = SuperOfficeMapper.MapMessage(document.RootElement[0], "638", ArchiveClock.Utc, "prod");

        Assert.Equal(ChatProviderKind.SuperOffice, message.Provider);
        Assert.Equal("prod", message.Connection);
        Assert.Equal("442", message.MessageId);
        Assert.Equal("638", message.SessionId);
        Assert.Equal("facilis", message.AuthorName);
        Assert.Null(message.AuthorId);
        Assert.Equal("doloremque", message.Text);
        // Type "Invalid" is no author; SpecialType "Block" is not a kind ChatHistory names, so it passes through.
        Assert.Equal(ChatAuthorRole.System, message.AuthorRole);
        Assert.Equal("Block", message.Kind);
        Assert.Empty(message.Attachments);
        var posted = new DateTimeOffset(2007, 7, 1, 17, 37, 38, TimeSpan.FromHours(2)).AddTicks(2898670);
        Assert.Equal(posted, message.Timestamp);
        Assert.Equal(TimeSpan.FromHours(2), message.Timestamp.Offset);
        Assert.Contains("\"ReadByCustomer\": 499", message.Raw);
    }

    [Fact]
    public void WhenPostedWithoutOffsetIsReadInTheArchiveZone()
    {
        using var document = JsonDocument.Parse("""{"ChatMessageId":1,"WhenPosted":"2026-07-01T12:00:00.5"}""");

        var utc = SuperOfficeMapper.MapMessage(document.RootElement, "9", ArchiveClock.Utc, "c").Timestamp;
        var oslo = SuperOfficeMapper.MapMessage(document.RootElement, "9", Oslo, "c").Timestamp;

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 12, 0, 0, 500, TimeSpan.Zero), utc);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 12, 0, 0, 500, TimeSpan.FromHours(2)), oslo);
        Assert.Equal("9", SuperOfficeMapper.MapMessage(document.RootElement, "9", Oslo, "c").SessionId);
    }

    [Fact]
    public void OffsetWithoutColonIsHonoured()
    {
        // SO-TimeZone with includeTZOffset writes offsets as -0500.
        using var document = JsonDocument.Parse("""{"ChatMessageId":1,"WhenPosted":"2018-12-24T07:34:45-0500"}""");

        var message = SuperOfficeMapper.MapMessage(document.RootElement, "1", Oslo, "c");

        Assert.Equal(new DateTimeOffset(2018, 12, 24, 12, 34, 45, TimeSpan.Zero), message.Timestamp);
    }

    [Theory]
    [InlineData("Customer", "None", ChatAuthorRole.Visitor, ChatMessageKinds.Text)]
    [InlineData("Agent", "", ChatAuthorRole.Agent, ChatMessageKinds.Text)]
    [InlineData("Bot", "None", ChatAuthorRole.Bot, ChatMessageKinds.Text)]
    [InlineData("System", "None", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Whisper", "None", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Customer", "Survey", ChatAuthorRole.Visitor, "Survey")]
    [InlineData("agent", "url", ChatAuthorRole.Agent, ChatMessageKinds.Link)]
    public void TypeAndSpecialTypeGiveRoleAndKind(string type, string specialType, ChatAuthorRole role, string kind)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            ChatMessageId = 7, Type = type, SpecialType = specialType, SpecialParam = "https://example.com/faq", Message = "x",
        }));

        var message = SuperOfficeMapper.MapMessage(document.RootElement, "1", ArchiveClock.Utc, "c");

        Assert.Equal(role, message.AuthorRole);
        Assert.Equal(kind, message.Kind);
    }

    [Fact]
    public void FileAndLinkMessagesCarryAttachments()
    {
        const string json = """
        [
          {"ChatMessageId":1,"Type":"Customer","Message":"screenshot","SpecialType":"File","SpecialParam":"https://files.example.com/chat/a%20shot.png"},
          {"ChatMessageId":2,"Type":"Agent","Message":"See the FAQ","SpecialType":"Url","SpecialParam":"https://example.com/faq"},
          {"ChatMessageId":3,"Type":"Customer","Message":"report","SpecialType":"File","SpecialParam":"report.pdf"}
        ]
        """;
        using var document = JsonDocument.Parse(json);
        var messages = document.RootElement.EnumerateArray().Select(m => SuperOfficeMapper.MapMessage(m, "1", ArchiveClock.Utc, "c")).ToList();

        var file = Assert.Single(messages[0].Attachments);
        Assert.Equal(ChatMessageKinds.File, messages[0].Kind);
        Assert.Equal("a shot.png", file.Name);
        Assert.Equal("https://files.example.com/chat/a%20shot.png", file.Url);
        Assert.Equal("file", file.Kind);

        var link = Assert.Single(messages[1].Attachments);
        Assert.Equal("https://example.com/faq", link.Url);
        Assert.Equal("link", link.Kind);
        Assert.Equal("https://example.com/faq", messages[1].AttachmentUrls);

        var named = Assert.Single(messages[2].Attachments);
        Assert.Equal("report.pdf", named.Name);
        Assert.Null(named.Url);
    }

    [Fact]
    public void HtmlIsRemovedFromTheTextButKeptInTheOriginal()
    {
        Assert.Equal("Hello, I am Alice. How can I help?", SuperOfficeMapper.PlainText("<p>Hello, I am Alice. <b>How can I help?</b></p>"));
        Assert.Equal("line one\nline two & more", SuperOfficeMapper.PlainText("line one<br/>line two &amp; more"));
        Assert.Equal("2 < 3 & 4 > 1", SuperOfficeMapper.PlainText("2 < 3 & 4 > 1"));
    }

    [Fact]
    public void ArchiveRowMapsToSession()
    {
        const string json = """
        {"PrimaryKey":1007,"EntityName":"chatSession","chatSessionId":1007,"whenRequested":"2026-06-01T20:06:00",
         "whenStarted":"2026-06-01T20:07:00","whenEnded":"","duration":"","rating":0,"status":"Started","agent":"Bob Agent",
         "agentId":12,"chatTopic/name":"Support","person/personId":207,"person/fullName":"Customer 6","contactId":303,
         "firstMessage":"order refund","lastMessage":"thanks","someNewColumn":{"x":1}}
        """;
        using var document = JsonDocument.Parse(json);

        var session = SuperOfficeMapper.MapSession(document.RootElement, Oslo, "prod");

        Assert.Equal(ChatProviderKind.SuperOffice, session.Provider);
        Assert.Equal("1007", session.SessionId);
        Assert.Equal("Open", session.Status);
        Assert.Equal("Started", session.ProviderStatus);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 20, 6, 0, TimeSpan.FromHours(2)), session.StartedAt);
        Assert.Null(session.EndedAt);
        Assert.Equal("12", session.AgentId);
        Assert.Equal("Bob Agent", session.AgentName);
        Assert.Equal("207", session.VisitorId);
        Assert.Equal("Customer 6", session.VisitorName);
        Assert.Equal("Support", session.Channel);
        Assert.Equal("order refund", session.Title);
        Assert.Contains("someNewColumn", session.Raw);
    }

    [Fact]
    public void MissedSessionHasNoAgent()
    {
        using var document = JsonDocument.Parse("""{"chatSessionId":"1006","status":"Missed","agent":"","agentId":0,"whenRequested":"2026-06-01T18:05:00","whenEnded":"2026-06-01T18:09:00"}""");

        var session = SuperOfficeMapper.MapSession(document.RootElement, ArchiveClock.Utc, "c");

        Assert.Null(session.AgentId);
        Assert.Null(session.AgentName);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 18, 9, 0, TimeSpan.Zero), session.EndedAt);
    }
}
