using System.Globalization;
using ChatHistory.Export;
using ChatHistory.Model;

namespace ChatHistory.Tests.Export;

public class FlatRecordTests
{
    private static readonly DateTimeOffset October1 = new(2026, 10, 1, 9, 30, 15, 250, TimeSpan.FromHours(2));

    private static readonly ChatMessage Message = new()
    {
        Provider = ChatProviderKind.SuperOffice,
        Connection = "so",
        SessionId = "1001",
        MessageId = "7",
        Timestamp = October1,
        AuthorRole = ChatAuthorRole.Visitor,
        Text = "hello",
        Attachments = [new ChatAttachment { Name = "a.png", Url = "https://x/a.png" }, new ChatAttachment { Name = "b.pdf", Url = "https://x/b.pdf" }],
        Raw = """{"secretish":"bulk"}""",
    };

    [Theory]
    [InlineData("de-DE")]
    [InlineData("en-US")]
    [InlineData("ar-SA")]
    public void DatesAreIso8601AndParseBackUnderAnyCulture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            var timestamp = Value(FlatRecord.Of(Message, includeRaw: false), "Timestamp");

            Assert.Equal("2026-10-01T09:30:15.2500000+02:00", timestamp);
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal(October1, DateTimeOffset.Parse(timestamp!, CultureInfo.CurrentCulture));
            Assert.Equal(October1.Offset, DateTimeOffset.Parse(timestamp!, CultureInfo.CurrentCulture).Offset);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ListsAreJoinedEnumsAreNamesAndRawOnlyWhenAsked()
    {
        var row = FlatRecord.Of(Message, includeRaw: false);

        Assert.Equal("Visitor", Value(row, "AuthorRole"));
        Assert.Equal("SuperOffice", Value(row, "Provider"));
        Assert.Equal("a.png; b.pdf", Value(row, "AttachmentNames"));
        Assert.Equal("https://x/a.png; https://x/b.pdf", Value(row, "AttachmentUrls"));
        Assert.Equal("2", Value(row, "AttachmentCount"));
        Assert.DoesNotContain(row, pair => pair.Key == "Raw");
        Assert.Equal(Message.Raw, Value(FlatRecord.Of(Message, includeRaw: true), "Raw"));
    }

    [Fact]
    public void EverySessionHasTheSameColumnsWhateverThePlatformFilled()
    {
        var full = new ChatSession { Provider = ChatProviderKind.RocketChat, SessionId = "r1", Status = "Closed", ProviderStatus = "x", StartedAt = October1, Tags = ["vip", "billing"], MessageCount = 3 };
        var sparse = new ChatSession { Provider = ChatProviderKind.Kommo, SessionId = "k1" };

        var fullRow = FlatRecord.Of(full, includeRaw: false);

        Assert.Equal(fullRow.Select(p => p.Key), FlatRecord.Of(sparse, includeRaw: false).Select(p => p.Key));
        Assert.Equal("vip; billing", Value(fullRow, "Tags"));
        Assert.Equal("Closed", Value(fullRow, "Status"));
        Assert.Equal("2026-10-01T09:30:15.2500000+02:00", Value(fullRow, "StartedAt"));
        Assert.All(typeof(ChatSession).GetProperties().Select(p => p.Name).Except(["Raw", "TagList"]), name => Assert.Contains(fullRow, pair => pair.Key == name));
    }

    private static string? Value(IReadOnlyList<KeyValuePair<string, string?>> row, string key) => row.Single(pair => pair.Key == key).Value;
}
