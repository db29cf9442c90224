using System.Management.Automation;
using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Providers.Bitrix24;

namespace ChatHistory.PowerShell.Cmdlets;

public sealed partial class ConnectChatProviderCommand
{
    [Parameter(Mandatory = true, ParameterSetName = Bitrix24WebhookSet)]
    [Parameter(Mandatory = true, ParameterSetName = Bitrix24OAuthSet)]
    [Parameter(Mandatory = true, ParameterSetName = Bitrix24EnvironmentSet)]
    public SwitchParameter Bitrix24 { get; set; }

    /// <summary>The incoming webhook, https://{portal}/rest/{user id}/{secret}/: it holds the secret, so it is a SecureString.</summary>
    [Parameter(Mandatory = true, ParameterSetName = Bitrix24WebhookSet)]
    [ValidateNotNull]
    public System.Security.SecureString? WebhookUrl { get; set; }

    /// <summary>The OAuth refresh token; with -ClientId and -ClientSecret an expired access token is renewed.</summary>
    [Parameter(ParameterSetName = Bitrix24OAuthSet)]
    [ValidateNotNull]
    public System.Security.SecureString? RefreshToken { get; set; }

    /// <summary>The OAuth application's client id (client_id).</summary>
    [Parameter(ParameterSetName = Bitrix24OAuthSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>The OAuth application's client secret (client_secret).</summary>
    [Parameter(ParameterSetName = Bitrix24OAuthSet)]
    [ValidateNotNull]
    public System.Security.SecureString? ClientSecret { get; set; }

    /// <summary>Where tokens are renewed; https://oauth.bitrix.info/ by default.</summary>
    [Parameter(ParameterSetName = Bitrix24OAuthSet)]
    [ValidateNotNullOrEmpty]
    public string? OAuthServerUrl { get; set; }

    private ChatConnectionSettings CreateBitrix24Settings() => EffectiveSet == Bitrix24WebhookSet
        ? new Bitrix24Settings
        {
            WebhookUrl = SecretOf(WebhookUrl) ?? throw new ChatHistoryException(ChatErrorKind.InvalidArgument, "-WebhookUrl is empty."),
        }
        : new Bitrix24Settings
        {
            PortalUrl = EndpointGuard.RequireSecure(Url, "-Url"),
            AccessToken = SecretOf(AccessToken) ?? throw new ChatHistoryException(ChatErrorKind.InvalidArgument, "-AccessToken is empty."),
            RefreshToken = SecretOf(RefreshToken),
            ClientId = ClientId,
            ClientSecret = SecretOf(ClientSecret),
            OAuthServerUrl = OAuthServerUrl is null ? Bitrix24Settings.DefaultOAuthServer : EndpointGuard.RequireSecure(OAuthServerUrl, "-OAuthServerUrl"),
        };
}
