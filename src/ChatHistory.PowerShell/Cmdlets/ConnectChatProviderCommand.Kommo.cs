using System.Management.Automation;
using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Providers.Kommo;

namespace ChatHistory.PowerShell.Cmdlets;

public sealed partial class ConnectChatProviderCommand
{
    [Parameter(Mandatory = true, ParameterSetName = KommoSet)]
    [Parameter(Mandatory = true, ParameterSetName = KommoEnvironmentSet)]
    public SwitchParameter Kommo { get; set; }

    /// <summary>The channel's scope_id, {channel_id}_{account_id}.</summary>
    [Parameter(Mandatory = true, ParameterSetName = KommoSet)]
    [ValidateNotNullOrEmpty]
    public string ScopeId { get; set; } = string.Empty;

    /// <summary>The custom channel's secret, which signs every amojo request.</summary>
    [Parameter(Mandatory = true, ParameterSetName = KommoSet)]
    [ValidateNotNull]
    public System.Security.SecureString? ChannelSecret { get; set; }

    /// <summary>The Chats API base URL; https://amojo.kommo.com by default.</summary>
    [Parameter(ParameterSetName = KommoSet)]
    [ValidateNotNullOrEmpty]
    public string? AmojoUrl { get; set; }

    /// <summary>The account's URL for API v4 (with -AccessToken): https://{subdomain}.kommo.com.</summary>
    [Parameter(ParameterSetName = KommoSet)]
    [ValidateNotNullOrEmpty]
    public string? AccountUrl { get; set; }

    private ChatConnectionSettings CreateKommoSettings() => new KommoSettings
    {
        ScopeId = ScopeId,
        ChannelSecret = SecretOf(ChannelSecret) ?? throw new ChatHistoryException(ChatErrorKind.InvalidArgument, "-ChannelSecret is empty."),
        AmojoUrl = AmojoUrl is null ? KommoSettings.DefaultAmojoUrl : EndpointGuard.RequireSecure(AmojoUrl, "-AmojoUrl"),
        AccountUrl = AccountUrl is null ? null : EndpointGuard.RequireSecure(AccountUrl, "-AccountUrl"),
        AccessToken = SecretOf(AccessToken),
    };
}
