using System.Text.Json;
using ChatHistory.Providers;

namespace ChatHistory.Tests.Mapping;

/// <summary>The lenient JSON reads every mapper stands on.</summary>
public class JsonFieldsTests
{
    [Theory]
    [InlineData("""{"chatId":7}""")]
    [InlineData("""{"chatid":7}""")] // Bitrix24 mixes the two (providers.md)
    [InlineData("""{"CHATID":7}""")]
    [InlineData("""{"ChatId":7}""")]
    public void NamesMatchInTheCasingsProvidersMix(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal("7", document.RootElement.Str("chatId"));
    }

    [Fact]
    public void MissingAndNullMembersReadAsNull()
    {
        using var document = JsonDocument.Parse("""{"a":null}""");

        Assert.Null(document.RootElement.Get("a"));
        Assert.Null(document.RootElement.Get("b"));
    }

    [Theory]
    [InlineData("2024-03-01T10:00:00+03:00", "2024-03-01T10:00:00.0000000+03:00")]
    [InlineData("2024-03-01T10:00:00Z", "2024-03-01T10:00:00.0000000+00:00")]
    [InlineData("2024-03-01T10:00:00.123Z", "2024-03-01T10:00:00.1230000+00:00")]
    [InlineData("2024-03-01T10:00:00", "2024-03-01T10:00:00.0000000+02:00")] // no offset: the assumed one
    [InlineData("2024-03-01 10:00:00", "2024-03-01T10:00:00.0000000+02:00")] // not ISO 8601 strictly: still read
    public void DatesKeepTheOffsetTheySent(string text, string expected)
    {
        using var document = JsonDocument.Parse($$"""{"when":"{{text}}"}""");

        var parsed = document.RootElement.Date("when", assumeOffset: TimeSpan.FromHours(2));

        Assert.Equal(expected, parsed!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void RawLeavesAPayloadWithoutTheMemberAsItCame()
    {
        const string json = """{ "_id": "m1", "msg": "my token is not a member", "u": { "_id": "a" } }""";
        using var document = JsonDocument.Parse(json);

        Assert.Equal(json, RawJson.Without(document.RootElement, "token"));
    }

    [Fact]
    public void RawDropsTheMemberAtAnyDepthAndKeepsTheRest()
    {
        using var document = JsonDocument.Parse("""
            {"_id":"r1","token":"secret-1","v":{"_id":"v1","token":"secret-2"},"list":[{"token":"secret-3","keep":1},2],"msg":"token"}
            """);

        var raw = RawJson.Without(document.RootElement, "token");

        Assert.DoesNotContain("secret-", raw);
        Assert.Equal("""{"_id":"r1","v":{"_id":"v1"},"list":[{"keep":1},2],"msg":"token"}""", raw);
    }

    [Fact]
    public void RawIsRightWhenPayloadsAlternate()
    {
        // The rewriting buffer is reused: a short payload after a long one must not carry its tail.
        using var longOne = JsonDocument.Parse("""{"token":"x","text":"a much longer payload than the next one"}""");
        using var shortOne = JsonDocument.Parse("""{"token":"y","n":1}""");

        Assert.Equal("""{"text":"a much longer payload than the next one"}""", RawJson.Without(longOne.RootElement, "token"));
        Assert.Equal("""{"n":1}""", RawJson.Without(shortOne.RootElement, "token"));
    }
}
