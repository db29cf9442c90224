using ChatHistory.Model;
using ChatHistory.Providers;

namespace ChatHistory.Tests.Engine;

public class TextPatternTests
{
    [Theory]
    [InlineData("alice", "Alice", true)]
    [InlineData("VIP", "vip", true)]
    [InlineData("ali*", "Alice Agent", true)]
    [InlineData("*agent", "Alice Agent", true)]
    [InlineData("b?b", "Bob", true)]
    [InlineData("alice", "Alice Agent", false)]
    [InlineData("a.c", "abc", false)]
    [InlineData("[a]", "a", false)]
    public void MatchesWholeValuesCaseInsensitivelyWithWildcards(string pattern, string candidate, bool expected)
    {
        Assert.Equal(expected, TextPattern.MatchesAny(pattern, candidate));
    }

    [Fact]
    public void OnlyPlainIdsGoToTheServer()
    {
        static bool IsNumber(string value) => value.All(char.IsAsciiDigit);

        Assert.Equal(["7", "12"], TextPattern.ServerIds(["7", "12"], IsNumber));
        Assert.Empty(TextPattern.ServerIds(["7", "alice"], IsNumber));
        Assert.Empty(TextPattern.ServerIds(["1*"], IsNumber));
    }

    [Fact]
    public void AgentMatchesIdOrNameAndTagMatchesAnyTag()
    {
        var session = new ChatSession { AgentId = "u7", AgentName = "alice", Tags = ["vip", "billing"] };

        Assert.True(SessionFilter.Accepts(new ChatSessionQuery { AgentIds = ["ALICE"] }, session));
        Assert.True(SessionFilter.Accepts(new ChatSessionQuery { AgentIds = ["U7"] }, session));
        Assert.True(SessionFilter.Accepts(new ChatSessionQuery { Tags = ["VIP"] }, session));
        Assert.True(SessionFilter.Accepts(new ChatSessionQuery { Tags = ["bill*"] }, session));
        Assert.False(SessionFilter.Accepts(new ChatSessionQuery { AgentIds = ["bob"] }, session));
        Assert.False(SessionFilter.Accepts(new ChatSessionQuery { Tags = ["spam"] }, session));
    }
}
