using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Model;
using ChatHistory.Security;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// A Bitrix24 portal reached either through an incoming webhook (the URL holds the secret) or as an
/// OAuth application (portal URL + access token, optionally a refresh token with the app's client
/// id and secret so that an expired token is renewed once and the call retried).
/// </summary>
public sealed class Bitrix24Settings : ChatConnectionSettings
{
    /// <summary>The public OAuth server that renews Bitrix24 tokens.</summary>
    public static readonly Uri DefaultOAuthServer = new("https://oauth.bitrix.info/");

    /// <summary>https://{portal}/rest/{user_id}/{secret}/, as Bitrix24 shows it when the webhook is made.</summary>
    public Secret? WebhookUrl { get; init; }

    /// <summary>The portal, https://{portal}/, for OAuth.</summary>
    public Uri? PortalUrl { get; init; }

    public Secret? AccessToken { get; init; }

    public Secret? RefreshToken { get; init; }

    public string? ClientId { get; init; }

    public Secret? ClientSecret { get; init; }

    /// <summary>Where tokens are renewed; a setting so that a test server can stand in.</summary>
    public Uri OAuthServerUrl { get; init; } = DefaultOAuthServer;

    public override ChatProviderKind Kind => ChatProviderKind.Bitrix24;

    public override string DisplayEndpoint => Endpoint().DisplayUrl;

    public override IEnumerable<Secret> Secrets
    {
        get
        {
            if (WebhookUrl is not null)
            {
                yield return WebhookUrl;
                if (Bitrix24Endpoint.TryParseWebhook(WebhookUrl.Reveal(), out var webhook))
                {
                    yield return webhook.Secret;
                }
            }

            foreach (var secret in new[] { AccessToken, RefreshToken, ClientSecret }.OfType<Secret>())
            {
                yield return secret;
            }
        }
    }

    /// <summary>The documented leaky bucket of a standard portal: 2 requests a second, bursts of 50.</summary>
    public override HttpPolicy DefaultPolicy => new() { RequestsPerSecond = 2, Burst = 50 };

    public override IChatProvider CreateProvider(ProviderContext context) => new Bitrix24Provider(this, Endpoint(), context);

    /// <summary>Checks that exactly one auth scheme is complete and builds its endpoint.</summary>
    internal Bitrix24Endpoint Endpoint()
    {
        var hasWebhook = WebhookUrl is not null;
        var hasOAuth = PortalUrl is not null || AccessToken is not null;
        if (hasWebhook == hasOAuth)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument, "Bitrix24 needs either -WebhookUrl, or -Url with -AccessToken.");
        }

        if (hasWebhook)
        {
            return Bitrix24Endpoint.ForWebhook(WebhookUrl!);
        }

        if (PortalUrl is null || AccessToken is null)
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, "Bitrix24 OAuth needs both -Url (the portal) and -AccessToken.");
        }

        var refreshParts = new object?[] { RefreshToken, ClientId, ClientSecret }.Count(part => part is not null);
        if (refreshParts is not 0 and not 3)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument, "To renew expired tokens Bitrix24 needs all of -RefreshToken, -ClientId and -ClientSecret.");
        }

        EndpointGuard.RequireSecure(OAuthServerUrl.ToString(), "-OAuthServerUrl");
        return Bitrix24Endpoint.ForPortal(EndpointGuard.RequireSecure(PortalUrl.ToString(), "-Url"));
    }
}
