using ChatHistory.Archive;

namespace ChatHistory.Tests.Archive;

public sealed class SessionFileNameTests
{
    [Theory]
    [InlineData("hhMKhHnnbY79mGs9K")]
    [InlineData("1001")]
    [InlineData("3f2b6c1e-8d2a-4c5e-9f10-2b7c8d9e0a1b")]
    public void PlainIdsStayAsTheyAre(string id) => Assert.Equal(id, SessionFileName.Of(id));

    [Theory]
    [InlineData("imol|telegram|1|42")] // a Bitrix24 USER_CODE
    [InlineData("chat/12:3")]
    [InlineData("..")]
    [InlineData("a\\b*c?d\"e<f>g")]
    [InlineData("tab\there")]
    public void UnsafeCharactersAreReplacedAndTheNameStaysUnique(string id)
    {
        var name = SessionFileName.Of(id);

        Assert.Equal(-1, name.IndexOfAny(['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\t']));
        Assert.False(name.StartsWith('.'));
        Assert.NotEqual(SessionFileName.Of(id.Replace('|', '_').Replace('/', '_')), SessionFileName.Of(id + "x"));
        Assert.Equal(name, SessionFileName.Of(id));
    }

    [Fact]
    public void IdsThatDifferOnlyInUnsafeCharactersGetDifferentNames() =>
        Assert.NotEqual(SessionFileName.Of("imol|telegram|1|42"), SessionFileName.Of("imol_telegram_1_42"));

    [Theory]
    [InlineData("CON")]
    [InlineData("nul.txt")]
    public void ReservedDeviceNamesAreNotUsed(string id) =>
        Assert.StartsWith("_", SessionFileName.Of(id));

    [Fact]
    public void LongIdsAreCut() => Assert.True(SessionFileName.Of(new string('a', 500)).Length < 140);
}
