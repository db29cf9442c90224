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

    public static Task<ChatConnection> RocketChatAsync(SimulatorHost host, HttpPolicy? policy = null, string name = "rc")
    {
        var options = host.State.RocketChat.Options;
        return ChatConnection.OpenAsync(name, new RocketChatSettings
        {
            ServerUrl = new Uri(host.RocketChatUrl),
            UserId = options.UserId,
            AuthToken = new Secret(options.AuthToken),
            Policy = policy ?? FastPolicy,
        }, CancellationToken.None);
    }
}
