using ChatHistory.Connections;
using ChatHistory.Model;
using ChatHistory.Providers.Kommo;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>Connecting: the probe that checks signature, scope and token, and the errors it gives.</summary>
public class KommoConnectionTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => simulator.Host;

    [Fact]
    public async Task ConnectChecksTheSignatureAndNamesTheAccount()
    {
        using var withAccount = await Connect.KommoAsync(Host);
        using var amojoOnly = await Connect.KommoAsync(Host, withAccount: false);

        Assert.Equal(ChatProviderKind.Kommo, withAccount.Provider);
        Assert.Equal(Host.KommoUrl, withAccount.Endpoint);
        Assert.Equal("Simulated Kommo", withAccount.Account);
        // Without API v4 the account is the amojo account id, the second half of scope_id.
        Assert.Equal(Host.State.Kommo.Options.ScopeId.Split('_')[1], amojoOnly.Account);
    }

    [Fact]
    public async Task WrongChannelSecretFailsAuthenticationWithAHintAboutSecretAndClock()
    {
        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.KommoAsync(Host, channelSecret: "not-the-channel-secret"));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("-ChannelSecret", error.Hint);
        Assert.Contains("clock", error.Hint);
        Assert.Equal("Forbidden: Invalid signature", error.ProviderMessage);
    }

    [Fact]
    public async Task ClockMoreThan15MinutesOffIsRefused()
    {
        var slowClock = new ManualClock(DateTimeOffset.UtcNow.AddMinutes(-20));

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.KommoAsync(Host, time: slowClock));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Contains("Date", error.ProviderMessage);
        Assert.Contains("15 minutes", error.Hint);
    }

    [Fact]
    public async Task ClockThatDriftsAfterConnectingFailsThatConversation()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var connection = await Connect.KommoAsync(Host, time: clock);
        var conversation = Host.State.Kommo.Data.Conversations[1];
        clock.Now = clock.Now.AddMinutes(16);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetMessagesAsync(conversation.Id, new Providers.ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal(conversation.Id, error.SessionId);
    }

    [Fact]
    public async Task UnknownScopeIsNotFoundWithAHintAboutScopeId()
    {
        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.KommoAsync(Host, scopeId: "no-such-channel_no-such-account"));

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Contains("-ScopeId", error.Hint);
        Assert.Null(error.SessionId);
        Assert.DoesNotContain("00000000", error.Message);
    }

    [Fact]
    public async Task WrongApiV4TokenFailsAuthenticationWithAHintAboutTheToken()
    {
        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.KommoAsync(Host, accessToken: "expired-api-v4-token"));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Contains("-AccessToken", error.Hint);
        Assert.Contains("Unauthorized", error.ProviderMessage);
    }

    [Fact]
    public async Task AccountUrlWithoutTokenIsRefusedBeforeAnyRequest()
    {
        var settings = new KommoSettings
        {
            ScopeId = "a_b",
            ChannelSecret = new Secret("channel-secret"),
            AmojoUrl = new Uri(Host.KommoUrl),
            AccountUrl = new Uri(Host.KommoAccountUrl),
        };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("k", settings, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task PlainHttpIsRefusedExceptForLoopback()
    {
        var settings = new KommoSettings
        {
            ScopeId = "a_b",
            ChannelSecret = new Secret("channel-secret"),
            AmojoUrl = new Uri("http://amojo.kommo.com/"),
        };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("k", settings, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("-AmojoUrl", error.Message);
    }

    [Fact]
    public void DefaultsAreAmojoAndSevenRequestsPerSecond()
    {
        var settings = new KommoSettings { ScopeId = "a_b", ChannelSecret = new Secret("channel-secret") };

        Assert.Equal("https://amojo.kommo.com/", settings.AmojoUrl.ToString());
        Assert.Equal(7, settings.DefaultPolicy.RequestsPerSecond);
    }
}
