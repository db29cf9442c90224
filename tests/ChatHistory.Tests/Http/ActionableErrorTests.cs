using System.Net;
using ChatHistory.Connections;
using ChatHistory.Http;

namespace ChatHistory.Tests.Http;

/// <summary>Errors a scheduled task's owner reads in a log: each says what to do.</summary>
public sealed class ActionableErrorTests
{
    [Theory]
    [InlineData(HttpStatusCode.Found, "final address")]
    [InlineData(HttpStatusCode.MovedPermanently, "final address")]
    [InlineData(HttpStatusCode.Unauthorized, "credentials")]
    [InlineData(HttpStatusCode.BadGateway, "try again later")]
    public void AStatusWithoutAProviderCodeStillSaysWhatToDo(HttpStatusCode status, string advice)
    {
        var error = StatusErrors.From(status, providerMessage: null, "the chat sessions");

        Assert.Contains(advice, error.Hint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ABlankConnectionNameSaysWhatToGiveInstead(string name)
    {
        var error = Assert.Throws<ChatHistoryException>(() => ChatConnections.Resolve(name));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.DoesNotContain("String", error.Message);
        Assert.Contains("Get-ChatConnection", error.Hint);
    }
}
