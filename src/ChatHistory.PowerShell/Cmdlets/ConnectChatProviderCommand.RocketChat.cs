using System.Management.Automation;
using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Providers.RocketChat;

namespace ChatHistory.PowerShell.Cmdlets;

public sealed partial class ConnectChatProviderCommand
{
    [Parameter(Mandatory = true, ParameterSetName = RocketChatTokenSet)]
    [Parameter(Mandatory = true, ParameterSetName = RocketChatCredentialSet)]
    [Parameter(Mandatory = true, ParameterSetName = RocketChatEnvironmentSet)]
    public SwitchParameter RocketChat { get; set; }

    /// <summary>The user id of a personal access token.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RocketChatTokenSet)]
    [ValidateNotNullOrEmpty]
    public string UserId { get; set; } = string.Empty;

    /// <summary>The personal access token.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RocketChatTokenSet)]
    [ValidateNotNull]
    public System.Security.SecureString? AuthToken { get; set; }

    private ChatConnectionSettings CreateRocketChatSettings() => new RocketChatSettings
    {
        ServerUrl = EndpointGuard.RequireSecure(Url, "-Url"),
        UserId = EffectiveSet == RocketChatTokenSet ? UserId : null,
        AuthToken = EffectiveSet == RocketChatTokenSet ? SecretOf(AuthToken) : null,
        UserName = EffectiveSet == RocketChatCredentialSet ? Credential.UserName : null,
        Password = EffectiveSet == RocketChatCredentialSet ? SecretOf(Credential.Password) : null,
    };
}
