using ChatHistory.Connections;
using ChatHistory.Providers;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

public class Bitrix24AuthTests
{
    [Fact]
    public async Task AnOAuthConnectionReadsWithItsAccessToken()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24OAuthAsync(host);

        var messages = await Collect.ToListAsync(connection.GetMessagesAsync("500", new ChatMessageQuery(), CancellationToken.None));

        Assert.Equal("Vladimir Loginov", connection.Account);
        Assert.Equal(host.State.Bitrix24.Data.ById[500].Messages.Count, messages.Count);
        Assert.Contains(host.Requests.Entries, entry => entry.EndsWith("/bitrix24/rest/imopenlines.session.history.get", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredTokenIsRenewedOnceAndTheCallRetried()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24OAuthAsync(host);
        host.State.Bitrix24.ExpireAccessTokens();

        var items = await Collect.ToListAsync(new ChatHistory.Engine.MessageFetcher(connection, 1)
            .FetchAsync(AsAsync("500", "501"), _ => new ChatMessageQuery(), CancellationToken.None));
        var sessions = await Collect.ToListAsync(connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None));

        Assert.All(items, item => Assert.Null(item.Error));
        Assert.Equal(host.State.Bitrix24.Data.ById[500].Messages.Count + host.State.Bitrix24.Data.ById[501].Messages.Count, items.Count);
        Assert.Equal(host.State.Bitrix24.Data.Sessions.Count, sessions.Count);
        Assert.Equal(1, host.State.Bitrix24.Refreshes);
        Assert.Equal(1, host.Requests.Count("/bitrix24/oauth/token"));
    }

    [Fact]
    public async Task ARenewedTokenIsRenewedAgainWhenItExpiresInTurn()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24OAuthAsync(host);

        host.State.Bitrix24.ExpireAccessTokens();
        await Collect.ToListAsync(connection.GetMessagesAsync("500", new ChatMessageQuery(), CancellationToken.None));
        host.State.Bitrix24.ExpireAccessTokens();
        await Collect.ToListAsync(connection.GetMessagesAsync("500", new ChatMessageQuery(), CancellationToken.None));

        // The second renewal used the refresh token the first one returned (they are single use).
        Assert.Equal(2, host.State.Bitrix24.Refreshes);
    }

    [Fact]
    public async Task AnExpiredTokenWithoutRefreshTokenIsAnAuthenticationError()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24OAuthAsync(host, canRenew: false);
        host.State.Bitrix24.ExpireAccessTokens();

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            Collect.ToListAsync(connection.GetMessagesAsync("500", new ChatMessageQuery(), CancellationToken.None)));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.StartsWith("expired_token", error.ProviderMessage);
        Assert.Contains("-RefreshToken", error.Hint);
        Assert.Equal(0, host.State.Bitrix24.Refreshes);
    }

    [Fact]
    public async Task ARefusedRenewalIsAnAuthenticationError()
    {
        await using var host = await SimulatorHost.StartAsync();
        var options = host.State.Bitrix24.Options;
        using var connection = await ChatConnection.OpenAsync("bad", new Bitrix24Settings
        {
            PortalUrl = new Uri(host.Bitrix24Url),
            AccessToken = new Secret(options.AccessToken),
            RefreshToken = new Secret(options.RefreshToken),
            ClientId = options.ClientId,
            ClientSecret = new Secret("not-the-client-secret"),
            OAuthServerUrl = new Uri(host.Bitrix24Url),
            Policy = Connect.FastPolicy,
        }, CancellationToken.None);
        host.State.Bitrix24.ExpireAccessTokens();

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            Collect.ToListAsync(connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None)));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.StartsWith("invalid_client", error.ProviderMessage);
        Assert.DoesNotContain("not-the-client-secret", error.Message + error.ProviderMessage + error.Hint);
    }

    [Fact]
    public async Task AWrongWebhookSecretFailsTheConnect()
    {
        await using var host = await SimulatorHost.StartAsync();

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("b24", new Bitrix24Settings
        {
            WebhookUrl = new Secret(host.Bitrix24Url + "rest/1/wrongsecret123/"),
            Policy = Connect.FastPolicy,
        }, CancellationToken.None));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.StartsWith("INVALID_CREDENTIALS", error.ProviderMessage);
        Assert.DoesNotContain("wrongsecret123", error.Message);
    }

    [Theory]
    [InlineData("https://portal.example.com/", "-WebhookUrl must look like")]
    [InlineData("https://portal.example.com/rest/abc/secretvalue/", "-WebhookUrl must look like")]
    [InlineData("http://portal.example.com/rest/1/secretvalue/", "http://")]
    public async Task AMalformedWebhookUrlIsRefusedWithoutEchoingIt(string url, string expected)
    {
        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            ChatConnection.OpenAsync("b24", new Bitrix24Settings { WebhookUrl = new Secret(url) }, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("secretvalue", error.Message);
        Assert.DoesNotContain("portal.example.com", error.Message);
    }

    [Fact]
    public async Task AnIncompleteRenewalSetIsRefused()
    {
        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("b24", new Bitrix24Settings
        {
            PortalUrl = new Uri("https://portal.example.com/"),
            AccessToken = new Secret("token-value"),
            RefreshToken = new Secret("refresh-value"),
        }, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("-ClientId", error.Message);
    }

    [Fact]
    public void AWebhookUrlWithAMethodAfterItStillFindsTheRoot()
    {
        var settings = new Bitrix24Settings { WebhookUrl = new Secret("https://portal.example.com/rest/7/k3y5ecret/profile.json") };

        Assert.Equal("https://portal.example.com/", settings.DisplayEndpoint);
        Assert.Contains(settings.Secrets, secret => secret.Reveal() == "k3y5ecret");
    }

    private static async IAsyncEnumerable<string> AsAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            await Task.Yield();
            yield return id;
        }
    }
}
