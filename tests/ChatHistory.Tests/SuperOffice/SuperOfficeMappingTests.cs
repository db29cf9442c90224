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
        // Type "Invalid" (0) is no author; SpecialType Block (3) is a session event
        // (SuperOfficeDocs trigger-scripts/includes/enum-type.md, enum-specialtype.md).
        Assert.Equal(ChatAuthorRole.System, message.AuthorRole);
        Assert.Equal(ChatMessageKinds.Event, message.Kind);
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

    /// <summary>
    /// The vendor's enums (SuperOfficeDocs docs/automation/crmscript/api-reference/trigger-scripts/includes/
    /// enum-type.md and enum-specialtype.md): Type ToCustomer 1, ToUser 2, Special 3 (Invalid 0 in the REST
    /// sample); SpecialType None 0 ... Options 17. Names, prefixed CRMScript names and numbers all count.
    /// </summary>
    [Theory]
    [InlineData("ToUser", "None", ChatAuthorRole.Visitor, ChatMessageKinds.Text)]
    [InlineData("2", "0", ChatAuthorRole.Visitor, ChatMessageKinds.Text)]
    [InlineData("ToCustomer", "", ChatAuthorRole.Agent, ChatMessageKinds.Text)]
    [InlineData("1", "None", ChatAuthorRole.Agent, ChatMessageKinds.Text)]
    [InlineData("TypeToCustomer", "SpecialTypeNone", ChatAuthorRole.Agent, ChatMessageKinds.Text)]
    [InlineData("ToCustomer", "BotMessage", ChatAuthorRole.Bot, ChatMessageKinds.Text)]
    [InlineData("1", "16", ChatAuthorRole.Bot, ChatMessageKinds.Text)]
    [InlineData("Special", "None", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("3", "", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Invalid", "None", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("0", "None", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Whisper", "None", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("ToUser", "Survey", ChatAuthorRole.Visitor, "Survey")]
    [InlineData("ToUser", "4", ChatAuthorRole.Visitor, "4")]
    [InlineData("tocustomer", "url", ChatAuthorRole.Agent, ChatMessageKinds.Link)]
    [InlineData("ToCustomer", "2", ChatAuthorRole.Agent, ChatMessageKinds.Link)]
    [InlineData("ToCustomer", "Welcome", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("ToCustomer", "Block", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Special", "NewSession", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Special", "5", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Special", "TransferedSession", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Special", "Error", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Special", "SessionDeleted", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("ToCustomer", "FaqSuccessQuestion", ChatAuthorRole.Agent, ChatMessageKinds.Text)]
    [InlineData("Special", "ClosedByUser", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("ToUser", "ClosedByCustomer", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Special", "12", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("Special", "TransferRejected", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("ToUser", "ReopenedByCustomer", ChatAuthorRole.System, ChatMessageKinds.Event)]
    [InlineData("ToUser", "ClickedOption", ChatAuthorRole.Visitor, ChatMessageKinds.Text)]
    [InlineData("ToCustomer", "17", ChatAuthorRole.Agent, ChatMessageKinds.Text)]
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
    public void NumericTypeAndSpecialTypeInJsonAreRead()
    {
        using var document = JsonDocument.Parse("""{"ChatMessageId":8,"Type":2,"SpecialType":15,"SpecialParam":"0","Message":"Opening hours"}""");

        var message = SuperOfficeMapper.MapMessage(document.RootElement, "1", ArchiveClock.Utc, "c");

        Assert.Equal((ChatAuthorRole.Visitor, ChatMessageKinds.Text), (message.AuthorRole, message.Kind));
    }

    [Fact]
    public void OptionsMessageOffersItsOptions()
    {
        // SpecialType Options (17): "Options are as JSON array in specialParam" (enum-specialtype.md).
        using var document = JsonDocument.Parse("""{"ChatMessageId":9,"Type":"ToCustomer","SpecialType":"Options","SpecialParam":"[\"Opening hours\",\"Talk to a person\"]","Message":"What can I help with?"}""");

        var message = SuperOfficeMapper.MapMessage(document.RootElement, "1", ArchiveClock.Utc, "c");

        Assert.Equal(["Opening hours", "Talk to a person"], message.Attachments.Select(a => a.Name));
        Assert.All(message.Attachments, a => Assert.Equal("option", a.Kind));
        Assert.Equal("What can I help with?", message.Text);
    }

    [Fact]
    public void UrlMessagesCarryTheirLink()
    {
        // The vendor's SpecialType enum has Url (2) and no File value: a link is the only attachment it names.
        const string json = """
        [
          {"ChatMessageId":1,"Type":"ToCustomer","Message":"See the FAQ","SpecialType":"Url","SpecialParam":"https://example.com/faq"},
          {"ChatMessageId":2,"Type":"ToCustomer","Message":"https://files.example.com/chat/a%20shot.png","SpecialType":"2","SpecialParam":""},
          {"ChatMessageId":3,"Type":"ToUser","Message":"report","SpecialType":"None","SpecialParam":"report.pdf"}
        ]
        """;
        using var document = JsonDocument.Parse(json);
        var messages = document.RootElement.EnumerateArray().Select(m => SuperOfficeMapper.MapMessage(m, "1", ArchiveClock.Utc, "c")).ToList();

        var link = Assert.Single(messages[0].Attachments);
        Assert.Equal(ChatMessageKinds.Link, messages[0].Kind);
        Assert.Equal("https://example.com/faq", link.Url);
        Assert.Equal("link", link.Kind);
        Assert.Equal("https://example.com/faq", messages[0].AttachmentUrls);

        Assert.Equal("https://files.example.com/chat/a%20shot.png", Assert.Single(messages[1].Attachments).Url);
        Assert.Empty(messages[2].Attachments);
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
         "associateId":12,"chatTopic/chatTopicId":2,"chatTopic/name":"Support","person/personId":207,"person/fullName":"Customer 6","contactId":303,
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
        using var document = JsonDocument.Parse("""{"chatSessionId":"1006","status":"Missed","agent":"","associateId":0,"whenRequested":"2026-06-01T18:05:00","whenEnded":"2026-06-01T18:09:00"}""");

        var session = SuperOfficeMapper.MapSession(document.RootElement, ArchiveClock.Utc, "c");

        Assert.Null(session.AgentId);
        Assert.Null(session.AgentName);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 18, 9, 0, TimeSpan.Zero), session.EndedAt);
    }
}
