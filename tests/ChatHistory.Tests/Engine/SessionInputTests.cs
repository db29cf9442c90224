using System.Collections;
using ChatHistory.Engine;
using ChatHistory.Model;

namespace ChatHistory.Tests.Engine;

/// <summary>Piped input that names no session is refused before any request.</summary>
public sealed class SessionInputTests
{
    private static readonly Func<string, object?> NoProperties = _ => null;

    [Fact]
    public void SessionsIdsAndRowsWithAnIdColumnNameSessions()
    {
        Assert.Equal("abc", SessionInput.IdOf("abc", NoProperties));
        Assert.Equal("1001", SessionInput.IdOf(1001, NoProperties));
        Assert.Equal("s-7", SessionInput.IdOf(new ChatSession { SessionId = "s-7" }, NoProperties));
        Assert.Equal("conv-1", SessionInput.IdOf(new object(), name => name == "ConversationId" ? "conv-1" : null));
    }

    public static TheoryData<object> NotSessions => new()
    {
        new Hashtable { ["Foo"] = 1 },
        new DateTime(2026, 11, 1),
        new Uri("https://chat.example.com"),
        "   ",
    };

    [Theory]
    [MemberData(nameof(NotSessions))]
    public void AnythingElseIsAnInvalidArgumentWithWhatToPipe(object value)
    {
        var error = Assert.Throws<ChatHistoryException>(() => SessionInput.IdOf(value, NoProperties));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("Get-ChatSession", error.Hint);
    }
}
