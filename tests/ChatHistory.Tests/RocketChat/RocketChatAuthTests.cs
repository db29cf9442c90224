using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.RocketChat;

/// <summary>Connecting to the simulated Rocket.Chat with a personal access token or a user name and password.</summary>
public class RocketChatAuthTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => simulator.Host;

    [Fact]
    public async Task TokenConnectionReportsAccountAndVersion()
    {
        using var connection = await Connect.RocketChatAsync(Host);

        Assert.Equal("admin", connection.Account);
        Assert.Equal("6.13.0", connection.ServerVersion);
        Assert.Equal(Host.RocketChatUrl, connection.Endpoint);
    }

    [Fact]
    public async Task PasswordLoginGetsATokenThatReadsData()
    {
        using var connection = await Connect.RocketChatWithPasswordAsync(Host, Host.State.RocketChat.Options.Password);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 10 }, CancellationToken.None).ToListAsync();

        Assert.Equal("admin", connection.Account);
        Assert.Equal(RocketChatExpected.Rooms(Host).Count, sessions.Count);
        Assert.NotEmpty(Host.State.RocketChat.LoginTokens);
    }

    [Fact]
    public async Task WrongPasswordIsAuthenticationFailed()
    {
        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.RocketChatWithPasswordAsync(Host, "not-the-password"));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("admin", error.Message);
    }

    [Fact]
    public async Task WrongTokenIsAuthenticationFailed()
    {
        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.RocketChatWithTokenAsync(Host, "not-the-token-at-all"));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal("ChatHistory.AuthenticationFailed", error.ErrorId);
        Assert.Equal(401, error.StatusCode);
        Assert.NotNull(error.Hint);
    }
}
