using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Providers.RocketChat;
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
}
