using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Security;

namespace ChatHistory.Tests.Http;

public class EndpointGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5099/rocketchat/")]
    [InlineData("http://127.0.0.5/")]
    [InlineData("http://[::1]:8080/")]
    [InlineData("http://localhost/")]
    [InlineData("http://LOCALHOST:3000/chat")]
    public void PlainHttpToLoopbackIsAccepted(string url)
    {
        var uri = EndpointGuard.RequireSecure(url, "-Url");

        Assert.Equal(new Uri(url), uri);
    }

    [Theory]
    [InlineData("https://chat.example.com/")]
    [InlineData("https://10.0.0.4:8443/rocketchat/")]
    [InlineData("https://localhost/")]
    public void HttpsIsAccepted(string url)
    {
        Assert.Equal(new Uri(url), EndpointGuard.RequireSecure(url, "-Url"));
    }

    [Theory]
    [InlineData("http://chat.example.com/")]
    [InlineData("http://10.0.0.4/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://localhost.example.com/")]
    [InlineData("http://127.0.0.1.example.com/")]
    public void PlainHttpElsewhereIsRefused(string url)
    {
        var error = Assert.Throws<ChatHistoryException>(() => EndpointGuard.RequireSecure(url, "-Url"));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("-Url", error.Message);
        Assert.Contains("https://", error.Message);
    }

    [Theory]
    [InlineData("https://admin:canary-pass-6611@chat.example.com/")]
    [InlineData("http://admin:canary-pass-6611@127.0.0.1:5099/")]
    public void CredentialsInTheUrlAreRefusedWithoutBeingEchoed(string url)
    {
        var error = Assert.Throws<ChatHistoryException>(() => EndpointGuard.RequireSecure(url, "-Url"));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("-Credential", error.Message);
        Assert.DoesNotContain("canary-pass-6611", error.Message);
    }

    [Theory]
    [InlineData("ftp://chat.example.com/")]
    [InlineData("chat.example.com")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void NotAnHttpUrlIsRefused(string url)
    {
        var error = Assert.Throws<ChatHistoryException>(() => EndpointGuard.RequireSecure(url, "-Url"));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task ConnectionOverPlainHttpToAnotherHostIsRefusedBeforeAnyRequest()
    {
        var settings = new RocketChatSettings
        {
            ServerUrl = new Uri("http://chat.example.invalid/"),
            UserId = "user",
            AuthToken = new Secret("token-never-sent"),
            Policy = Support.Connect.FastPolicy with { MaxAttempts = 2 },
        };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("rc", settings, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("http://", error.Message);
    }
}
