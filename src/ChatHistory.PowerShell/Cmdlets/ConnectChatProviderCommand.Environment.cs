using System.Management.Automation;
using System.Security;
using ChatHistory.Connections;
using ChatHistory.Model;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// -FromEnvironment: unattended sign-in from the documented CHATHISTORY_* variables
/// (<see cref="EnvironmentSignIn"/>). Each environment set fills the parameters of the matching
/// interactive set, and the same settings factory builds the connection.
/// </summary>
public sealed partial class ConnectChatProviderCommand
{
    /// <summary>Reads the platform's CHATHISTORY_* environment variables instead of parameters.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RocketChatEnvironmentSet)]
    [Parameter(Mandatory = true, ParameterSetName = Bitrix24EnvironmentSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeEnvironmentSet)]
    [Parameter(Mandatory = true, ParameterSetName = KommoEnvironmentSet)]
    public SwitchParameter FromEnvironment { get; set; }

    /// <summary>The interactive set whose parameters an environment set fills.</summary>
    private string EffectiveSet => ParameterSetName switch
    {
        RocketChatEnvironmentSet => RocketChatTokenSet,
        Bitrix24EnvironmentSet => Bitrix24WebhookSet,
        SuperOfficeEnvironmentSet => SuperOfficeBearerSet,
        KommoEnvironmentSet => KommoSet,
        var set => set,
    };

    private void BindFromEnvironment()
    {
        switch (ParameterSetName)
        {
            case RocketChatEnvironmentSet:
                var rocket = Read(ChatProviderKind.RocketChat);
                Url = rocket[EnvironmentSignIn.Url];
                UserId = rocket[EnvironmentSignIn.UserId];
                AuthToken = Secure(rocket[EnvironmentSignIn.AuthToken]);
                break;
            case Bitrix24EnvironmentSet:
                WebhookUrl = Secure(Read(ChatProviderKind.Bitrix24)[EnvironmentSignIn.WebhookUrl]);
                break;
            case SuperOfficeEnvironmentSet:
                var superOffice = Read(ChatProviderKind.SuperOffice);
                Url = superOffice[EnvironmentSignIn.Url];
                AccessToken = Secure(superOffice[EnvironmentSignIn.AccessToken]);
                ApplicationToken = Optional(superOffice, EnvironmentSignIn.ApplicationToken) is { } appToken ? Secure(appToken) : null;
                break;
            case KommoEnvironmentSet:
                var kommo = Read(ChatProviderKind.Kommo);
                ScopeId = kommo[EnvironmentSignIn.ScopeId];
                ChannelSecret = Secure(kommo[EnvironmentSignIn.ChannelSecret]);
                AmojoUrl = Optional(kommo, EnvironmentSignIn.AmojoUrl);
                AccountUrl = Optional(kommo, EnvironmentSignIn.AccountUrl);
                AccessToken = Optional(kommo, EnvironmentSignIn.AccessToken) is { } token ? Secure(token) : null;
                break;
        }
    }

    private static IReadOnlyDictionary<string, string> Read(ChatProviderKind provider) =>
        EnvironmentSignIn.Read(provider, Environment.GetEnvironmentVariable);

    private static string? Optional(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) ? value : null;

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
