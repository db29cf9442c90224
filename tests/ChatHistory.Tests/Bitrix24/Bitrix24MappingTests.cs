using System.Text;
using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

public class Bitrix24MappingTests
{
    private static readonly Uri Portal = new("https://b24-3b4hq4.bitrix24.com/");

    private static IReadOnlyList<ChatMessage> FixtureMessages() =>
        Bitrix24Messages.Read(Encoding.UTF8.GetBytes(Fixtures.Read("bitrix24-session-history-get.json")), "469", Portal, "prod")!;

    /// <summary>The messages of a history result, read as the answer of imopenlines.session.history.get.</summary>
    internal static List<ChatMessage> History(string result, string sessionId, string connection = "c") =>
        Bitrix24Messages.Read(Encoding.UTF8.GetBytes("{\"result\":" + result + ",\"time\":{}}"), sessionId, Portal, connection)!;

    [Fact]
    public void VendorSampleMessagesComeOldestFirstByIntegerId()
    {
        var messages = FixtureMessages();

        Assert.Equal(
            ["18113", "18114", "18115", "18116", "18117", "18119", "18148", "19008", "19009"],
            messages.Select(m => m.MessageId).ToArray());
        Assert.All(messages, m => Assert.Equal("469", m.SessionId));
        Assert.All(messages, m => Assert.Equal(ChatProviderKind.Bitrix24, m.Provider));
        Assert.All(messages, m => Assert.Equal("prod", m.Connection));
    }

    [Fact]
    public void VendorSampleRolesSeparateTheVisitorFromSystemMessages()
    {
        var messages = FixtureMessages().ToDictionary(m => m.MessageId);

        var visitor = messages["18116"];
        Assert.Equal(ChatAuthorRole.Visitor, visitor.AuthorRole);
        Assert.Equal("450", visitor.AuthorId);
        Assert.Equal("Guest", visitor.AuthorName);
        Assert.Equal(ChatMessageKinds.Text, visitor.Kind);
        Assert.Equal("sdfsdfsdfsdfdff", visitor.Text);

        foreach (var id in new[] { "18113", "18114", "18115", "18117", "18119", "18148", "19008", "19009" })
        {
            Assert.Equal(ChatAuthorRole.System, messages[id].AuthorRole);
            Assert.Equal(ChatMessageKinds.Event, messages[id].Kind);
            Assert.Null(messages[id].AuthorId);
        }
    }

    [Fact]
    public void VendorSampleTimestampsKeepThePortalOffset()
    {
        var messages = FixtureMessages().ToDictionary(m => m.MessageId);

        Assert.Equal(new DateTimeOffset(2023, 5, 30, 7, 45, 34, TimeSpan.FromHours(2)), messages["19009"].Timestamp);
        Assert.Equal(TimeSpan.FromHours(2), messages["19009"].Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2023, 5, 18, 23, 40, 26, TimeSpan.Zero), messages["18116"].Timestamp.ToUniversalTime());
    }

    [Fact]
    public void VendorSampleBbCodeBecomesPlainTextAndTheOriginalIsKept()
    {
        var messages = FixtureMessages().ToDictionary(m => m.MessageId);

        Assert.Equal("Vladimir Loginov", messages["19008"].Text);
        Assert.Equal("[USER=1 REPLACE]Vladimir Loginov", messages["19008"].OriginalText);
        Assert.Equal("Sent form \"F", messages["18119"].Text);
        Assert.Equal("[B]Sent form \"F", messages["18119"].OriginalText);
        // An unfinished tag is text, not markup.
        Assert.Equal("Start a new dialogue # [U", messages["18113"].Text);
        Assert.Equal("Dialogue completed.", messages["19009"].Text);
    }

    [Fact]
    public void VendorSampleAttachBlocksBecomeAttachments()
    {
        var messages = FixtureMessages().ToDictionary(m => m.MessageId);

        var form = Assert.Single(messages["18119"].Attachments);
        Assert.Equal("link", form.Kind);
        Assert.Equal("http://b24-3b4hq4.bitrix24.site/crm_form_v0fcl/", form.Url);
        Assert.Equal("http://b24-3b4hq4.bitrix24.site/crm_form_v0fcl/", messages["18119"].AttachmentUrls);

        var forwarded = Assert.Single(messages["18114"].Attachments);
        Assert.Equal("text", forwarded.Kind);
        Assert.Equal("Page site", forwarded.Name);
        Assert.Null(forwarded.Url);

        // params may be [] or an object without attachments.
        Assert.Empty(messages["19008"].Attachments);
        Assert.Empty(messages["18116"].Attachments);
    }

    [Fact]
    public void VendorSampleRawHoldsEachMessagesOwnJson()
    {
        var message = FixtureMessages().Single(m => m.MessageId == "18148");

        using var raw = JsonDocument.Parse(message.Raw!);
        Assert.Equal("18148", raw.RootElement.GetProperty("id").GetString());
        Assert.Equal("offline", raw.RootElement.GetProperty("params").GetProperty("imolForm").GetString());
    }

    /// <summary>
    /// params keys are camelCase in the vendor's imopenlines.session.history.get sample (connectorMid,
    /// componentId: b24-rest-docs api-reference/imopenlines/openlines/sessions/imopenlines-session-history-get.md),
    /// so a file is params.fileId; result.files entries spell urlDownload or, lower-cased like the
    /// message keys, urldownload. Escaped characters in their URLs stay escaped.
    /// </summary>
    [Fact]
    public void VendorShapedFileMessagesCarryTheirFiles()
    {
        const string json = """
        {
          "message": {
            "19010": {"id": "19010", "chatid": "1982", "senderid": "450", "recipientid": "chat1982",
                      "date": "2023-05-30T07:46:00+02:00", "text": "", "textlegacy": "",
                      "params": {"fileId": ["930", "931"], "connectorMid": ["19011"]}}
          },
          "users": {"450": {"id": "450", "name": "Guest", "connector": true, "externalAuthId": "imconnector"}},
          "files": {
            "930": {"id": 930, "type": "image", "name": "1.gif", "size": 43,
                    "urlDownload": "https://my.bitrix24.com/disk/downloadFile/930/?&ncc=1&filename=1.gif"},
            "931": {"id": 931, "type": "file", "name": "invoice 2024-03.pdf", "size": 99,
                    "urlshow": "/disk/showFile/931/?&ncc=1&filename=invoice%202024-03.pdf",
                    "urldownload": "/disk/downloadFile/931/?&ncc=1&filename=invoice%202024-03.pdf"}
          }
        }
        """;
        var message = Assert.Single(History(json, "469"));

        Assert.Equal(2, message.AttachmentCount);
        Assert.Equal(ChatMessageKinds.Image, message.Kind);
        Assert.Equal("https://my.bitrix24.com/disk/downloadFile/930/?&ncc=1&filename=1.gif", message.Attachments[0].Url);
        Assert.Equal("invoice 2024-03.pdf", message.Attachments[1].Name);
        Assert.Equal("https://b24-3b4hq4.bitrix24.com/disk/downloadFile/931/?&ncc=1&filename=invoice%202024-03.pdf", message.Attachments[1].Url);
    }

    [Fact]
    public void BotsOperatorsFilesAndNumericIdsAreRead()
    {
        const string json = """
        {
          "message": {
            "12": {"id": 12, "chatid": 5, "senderid": 7, "date": "2024-02-01T10:00:05+03:00", "text": "On it", "params": []},
            "9": {"id": "9", "chatid": "5", "senderid": "12", "date": "2024-02-01T10:00:00+03:00", "text": "[b]Hi[/b][br]I am a bot", "params": {}},
            "10": {"id": "10", "chatid": "5", "senderid": "450", "date": "2024-02-01T10:00:02+03:00", "text": "",
                   "params": {"FILE_ID": ["701", "702"]}}
          },
          "users": {
            "12": {"id": "12", "name": "Marta", "bot": true, "connector": false},
            "450": {"id": "450", "name": "", "firstName": "Ivan", "lastName": "Guest", "connector": false, "externalAuthId": "imconnector"}
          },
          "files": {
            "701": {"id": "701", "type": "image", "name": "shot.png", "size": 1234,
                    "urlDownload": "/bitrix/services/main/ajax.php?action=disk.api.file.download&fileId=701"},
            "702": {"id": 702, "type": "file", "name": "invoice.pdf", "size": "99", "urldownload": "https://cdn.example.com/invoice.pdf"}
          }
        }
        """;
        var messages = History(json, "77");

        Assert.Equal(["9", "10", "12"], messages.Select(m => m.MessageId).ToArray());
        Assert.Equal(ChatAuthorRole.Bot, messages[0].AuthorRole);
        Assert.Equal("Marta", messages[0].AuthorName);
        Assert.Equal("Hi\nI am a bot", messages[0].Text);

        Assert.Equal(ChatAuthorRole.Visitor, messages[1].AuthorRole);
        Assert.Equal("Ivan Guest", messages[1].AuthorName);
        Assert.Equal(ChatMessageKinds.Image, messages[1].Kind);
        Assert.Equal(2, messages[1].AttachmentCount);
        Assert.Equal("https://b24-3b4hq4.bitrix24.com/bitrix/services/main/ajax.php?action=disk.api.file.download&fileId=701", messages[1].Attachments[0].Url);
        Assert.Equal(1234, messages[1].Attachments[0].Size);
        Assert.Equal("invoice.pdf", messages[1].Attachments[1].Name);
        Assert.Equal("file", messages[1].Attachments[1].Kind);
        Assert.Equal(99, messages[1].Attachments[1].Size);
        Assert.Equal("https://cdn.example.com/invoice.pdf", messages[1].Attachments[1].Url);

        // A sender missing from users is an operator.
        Assert.Equal(ChatAuthorRole.Agent, messages[2].AuthorRole);
        Assert.Equal("7", messages[2].AuthorId);
        Assert.Equal(TimeSpan.FromHours(3), messages[2].Timestamp.Offset);
    }

    [Theory]
    [InlineData("[USER=1 REPLACE]Vladimir Loginov", "Vladimir Loginov")]
    [InlineData("[USER=450]Guest[/USER], hello", "Guest, hello")]
    [InlineData("see [url=https://example.com/faq]our FAQ[/url]", "see our FAQ (https://example.com/faq)")]
    [InlineData("[URL]https://example.com[/URL]", "https://example.com")]
    [InlineData("[url=https://example.com]https://example.com[/url]", "https://example.com")]
    [InlineData("one[br]two[BR]three", "one\ntwo\nthree")]
    [InlineData("[b]bold[/b] [i]it[/i] [u]under[/u] [s]gone[/s]", "bold it under gone")]
    [InlineData("[quote]earlier words[/quote]my answer", "> earlier words\nmy answer")]
    [InlineData("------------------------------------------------------\nGuest [01.02.2024]\nwhere is my order\n------------------------------------------------------\nchecking", "> Guest [01.02.2024]\n> where is my order\nchecking")]
    [InlineData("[color=#ff0000]red[/color] [CHAT=12]Team[/CHAT] [ATTACH=1]", "red Team")]
    [InlineData("prices [5] and [a] stay", "prices [5] and [a] stay")]
    [InlineData("  no markup at all \n", "no markup at all")]
    [InlineData("a - b -- c", "a - b -- c")]
    public void BbCodeBecomesPlainText(string bbcode, string expected) =>
        Assert.Equal(expected, Bitrix24Text.PlainText(bbcode));

    [Fact]
    public void SessionListRowMapsToSession()
    {
        const string json = """
        {"id": 469, "configId": 58, "source": "livechat", "operatorId": 1, "userId": 450, "userCode": "livechat|58|1981|450",
         "chatId": 1982, "dateCreate": "2023-05-19T01:40:26+02:00", "dateClose": "2023-05-30T07:45:34+02:00", "status": "closed",
         "closeReason": "operator", "vote": 5, "messageCount": 9, "crmEntityType": "LEAD", "crmEntityId": 12, "futureField": {"x": 1}}
        """;
        using var document = JsonDocument.Parse(json);

        var session = Bitrix24Mapper.MapSession(document.RootElement, "prod");

        Assert.Equal("469", session.SessionId);
        Assert.Equal("1982", session.ChatId);
        Assert.Equal("Closed", session.Status);
        Assert.Equal("58", session.Channel);
        Assert.Equal("livechat", session.Source);
        Assert.Equal("1", session.AgentId);
        Assert.Equal("450", session.VisitorId);
        Assert.Equal(9, session.MessageCount);
        Assert.Equal(new DateTimeOffset(2023, 5, 19, 1, 40, 26, TimeSpan.FromHours(2)), session.StartedAt);
        Assert.Equal(new DateTimeOffset(2023, 5, 30, 7, 45, 34, TimeSpan.FromHours(2)), session.EndedAt);
        Assert.Contains("futureField", session.Raw);
    }

    [Fact]
    public void UnknownSessionStatusIsPassedThroughBesideTheModulesWord()
    {
        using var document = JsonDocument.Parse("""{"id": "1", "status": "waitingForClient", "dateCreate": "2024-01-01T00:00:00+02:00"}""");

        var session = Bitrix24Mapper.MapSession(document.RootElement, "c");

        Assert.Equal("waitingForClient", session.ProviderStatus);
        Assert.Equal("Open", session.Status);
    }

    [Fact]
    public void ActivityRowMapsToSessionByAssociatedEntityId()
    {
        const string json = """
        {"ID": "9469", "PROVIDER_ID": "IMOPENLINES_SESSION", "PROVIDER_TYPE_ID": "58", "ASSOCIATED_ENTITY_ID": "469",
         "SUBJECT": "Guest Room #33", "START_TIME": "2023-05-19T01:40:26+02:00", "END_TIME": "2023-05-30T07:45:34+02:00",
         "COMPLETED": "Y", "RESPONSIBLE_ID": "1", "PROVIDER_PARAMS": {"USER_CODE": "livechat|58|1981|450"}}
        """;
        using var document = JsonDocument.Parse(json);

        var session = Bitrix24Mapper.MapActivity(document.RootElement, "prod");

        Assert.Equal("469", session.SessionId);
        Assert.Equal("58", session.Channel);
        Assert.Equal("livechat", session.Source);
        Assert.Equal("450", session.VisitorId);
        Assert.Equal("1", session.AgentId);
        Assert.Equal("Closed", session.Status);
        Assert.Equal("Guest Room #33", session.Title);
        Assert.Equal(new DateTimeOffset(2023, 5, 30, 7, 45, 34, TimeSpan.FromHours(2)), session.EndedAt);
    }

    [Fact]
    public void DialogsCurrentSessionIsField6OfEntityData1()
    {
        using var open = JsonDocument.Parse("""{"id": 29, "name": "Room", "entity_id": "telegrambot|1|196065544|29", "entity_data_1": "Y|DEAL|1|N|N|4|1643371428|0|0|0"}""");
        using var closed = JsonDocument.Parse("""{"id": 1982, "entityId": "livechat|58|1981|450", "entityData1": "N|NONE|0|N|N|0|1684478426|0|0|0"}""");

        Assert.Equal("4", Bitrix24Mapper.CurrentSessionId(open.RootElement));
        Assert.Null(Bitrix24Mapper.CurrentSessionId(closed.RootElement));
        var session = Bitrix24Mapper.MapDialog(open.RootElement, "4", "c");
        Assert.Equal("29", session.ChatId);
        Assert.Equal("Open", session.Status);
        Assert.Equal("telegrambot", session.Source);
        Assert.Equal("1", session.Channel);
    }
}
