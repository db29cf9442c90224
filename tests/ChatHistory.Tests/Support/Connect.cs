using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Providers.Kommo;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Security;
using ChatHistory.Simulator;

namespace ChatHistory.Tests.Support;

/// <summary>Connections to a running simulator, with a fast retry policy for tests.</summary>
public static class Connect
{
    /// <summary>Short waits so that retry tests take milliseconds; limits high enough not to slow tests.</summary>
    public static readonly HttpPolicy FastPolicy = new()
    {
        RequestsPerSecond = 1000,
        Burst = 1000,
        MaxAttempts = 6,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    public static Task<ChatConnection> RocketChatAsync(SimulatorHost host, HttpPolicy? policy = null, string name = "rc", TimeProvider? time = null)
    {
        var options = host.State.RocketChat.Options;
        return RocketChatWithTokenAsync(host, options.AuthToken, policy, name, time);
    }

    public static Task<ChatConnection> RocketChatWithTokenAsync(
        SimulatorHost host, string authToken, HttpPolicy? policy = null, string name = "rc", TimeProvider? time = null) =>
        ChatConnection.OpenAsync(name, new RocketChatSettings
        {
            ServerUrl = new Uri(host.RocketChatUrl),
            UserId = host.State.RocketChat.Options.UserId,
            AuthToken = new Secret(authToken),
            Policy = policy ?? FastPolicy,
        }, CancellationToken.None, time);

    public static Task<ChatConnection> RocketChatWithPasswordAsync(
        SimulatorHost host, string password, HttpPolicy? policy = null, string name = "rc") =>
        ChatConnection.OpenAsync(name, new RocketChatSettings
        {
            ServerUrl = new Uri(host.RocketChatUrl),
            UserName = host.State.RocketChat.Options.Username,
            Password = new Secret(password),
            Policy = policy ?? FastPolicy,
        }, CancellationToken.None);

    /// <summary>Through the simulated portal's incoming webhook.</summary>
    public static Task<ChatConnection> Bitrix24Async(SimulatorHost host, HttpPolicy? policy = null, string name = "b24") =>
        ChatConnection.OpenAsync(name, new Bitrix24Settings
        {
            WebhookUrl = new Secret(DemoCredentials.Bitrix24WebhookUrl(host)),
            Policy = policy ?? FastPolicy,
        }, CancellationToken.None);

    /// <summary>As an OAuth app; with <paramref name="canRenew"/> it also holds the refresh token and the app's client id and secret.</summary>
    public static Task<ChatConnection> Bitrix24OAuthAsync(SimulatorHost host, bool canRenew = true, HttpPolicy? policy = null, string name = "b24oauth")
    {
        var options = host.State.Bitrix24.Options;
        return ChatConnection.OpenAsync(name, new Bitrix24Settings
        {
            PortalUrl = new Uri(host.Bitrix24Url),
            AccessToken = new Secret(options.AccessToken),
            RefreshToken = canRenew ? new Secret(options.RefreshToken) : null,
            ClientId = canRenew ? options.ClientId : null,
            ClientSecret = canRenew ? new Secret(options.ClientSecret) : null,
            OAuthServerUrl = new Uri(host.Bitrix24Url),
            Policy = policy ?? FastPolicy,
        }, CancellationToken.None);
    }

    public static Task<ChatConnection> SuperOfficeAsync(
        SimulatorHost host, SuperOfficeAuthScheme scheme = SuperOfficeAuthScheme.Basic, HttpPolicy? policy = null, string name = "so") =>
        ChatConnection.OpenAsync(name, SuperOfficeSettings(host, scheme, policy), CancellationToken.None);

    /// <summary>Settings for the simulated tenant with its demo credentials for one scheme.</summary>
    public static SuperOfficeSettings SuperOfficeSettings(SimulatorHost host, SuperOfficeAuthScheme scheme = SuperOfficeAuthScheme.Basic, HttpPolicy? policy = null)
    {
        var options = host.State.SuperOffice.Options;
        return new SuperOfficeSettings
        {
            TenantUrl = new Uri(host.SuperOfficeUrl),
            UserName = scheme == SuperOfficeAuthScheme.Basic ? options.UserName : null,
            Password = scheme == SuperOfficeAuthScheme.Basic ? new Secret(options.Password) : null,
            Ticket = scheme == SuperOfficeAuthScheme.Ticket ? new Secret(options.Ticket) : null,
            AccessToken = scheme == SuperOfficeAuthScheme.Bearer ? new Secret(options.AccessToken) : null,
            ApplicationToken = scheme == SuperOfficeAuthScheme.Ticket ? new Secret(options.ApplicationToken) : null,
            Policy = policy ?? FastPolicy,
        };
    }

    /// <summary>
    /// The simulator's Kommo channel; with <paramref name="withAccount"/> also its API v4 (needed
    /// for contact lookups). The overrides let a test connect with wrong credentials or a skewed clock.
    /// </summary>
    public static Task<ChatConnection> KommoAsync(
        SimulatorHost host,
        HttpPolicy? policy = null,
        string name = "kommo",
        bool withAccount = true,
        TimeProvider? time = null,
        string? channelSecret = null,
        string? scopeId = null,
        string? accessToken = null)
    {
        var options = host.State.Kommo.Options;
        return ChatConnection.OpenAsync(name, new KommoSettings
        {
            AmojoUrl = new Uri(host.KommoUrl),
            ScopeId = scopeId ?? options.ScopeId,
            ChannelSecret = new Secret(channelSecret ?? options.ChannelSecret),
            AccountUrl = withAccount ? new Uri(host.KommoAccountUrl) : null,
            AccessToken = withAccount ? new Secret(accessToken ?? options.AccessToken) : null,
            Policy = policy ?? FastPolicy,
        }, CancellationToken.None, time);
    }
}
