using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Model;
using ChatHistory.Security;

namespace ChatHistory.Providers.RocketChat;

/// <summary>
/// A Rocket.Chat server and either a personal access token (user id + token, best for scheduled
/// tasks) or a user name and password that are exchanged for a token at /api/v1/login.
/// </summary>
public sealed class RocketChatSettings : ChatConnectionSettings
{
    public required Uri ServerUrl { get; init; }

    public string? UserId { get; init; }

    public Secret? AuthToken { get; init; }

    public string? UserName { get; init; }

    public Secret? Password { get; init; }

    public override ChatProviderKind Kind => ChatProviderKind.RocketChat;

    public override string DisplayEndpoint => ServerUrl.GetLeftPart(UriPartial.Path);

    public override IEnumerable<Secret> Secrets => new[] { AuthToken, Password }.OfType<Secret>();

    /// <summary>
    /// No client-side ceiling: Rocket.Chat limits each route separately (10 calls a minute by
    /// default, none with api-bypass-rate-limit) and announces every window in X-RateLimit-*, which
    /// the pipeline follows per route. -RequestsPerSecond adds a ceiling of the user's own.
    /// </summary>
    public override HttpPolicy DefaultPolicy => new() { RequestsPerSecond = 0, Burst = 0 };

    public override IChatProvider CreateProvider(ProviderContext context)
    {
        var hasToken = UserId is not null && AuthToken is not null;
        var hasPassword = UserName is not null && Password is not null;
        if (hasToken == hasPassword)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument, "Rocket.Chat needs either -UserId with -AuthToken, or -Credential.");
        }

        // Checked here too, not only by the cmdlet, so that no caller of Core sends the token in clear text.
        EndpointGuard.RequireSecure(ServerUrl.ToString(), "-Url");
        return new RocketChatProvider(this, context);
    }
}
