using System.Management.Automation;
using ChatHistory.Connections;
using ChatHistory.Security;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// Connect-ChatProvider: one parameter set per provider and auth scheme. Each provider's own
/// parameters live in ConnectChatProviderCommand.&lt;Provider&gt;.cs; the shared ones are here.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "ChatProvider", DefaultParameterSetName = RocketChatTokenSet)]
[OutputType(typeof(ChatConnection))]
public sealed partial class ConnectChatProviderCommand : ChatCmdletBase
{
    private const string RocketChatTokenSet = "RocketChatToken";
    private const string RocketChatCredentialSet = "RocketChatCredential";
    private const string Bitrix24WebhookSet = "Bitrix24Webhook";
    private const string Bitrix24OAuthSet = "Bitrix24OAuth";
    private const string SuperOfficeBasicSet = "SuperOfficeBasic";
    private const string SuperOfficeTicketSet = "SuperOfficeTicket";
    private const string SuperOfficeBearerSet = "SuperOfficeBearer";
    private const string KommoSet = "Kommo";
    private const string RocketChatEnvironmentSet = "RocketChatEnvironment";
    private const string Bitrix24EnvironmentSet = "Bitrix24Environment";
    private const string SuperOfficeEnvironmentSet = "SuperOfficeEnvironment";
    private const string KommoEnvironmentSet = "KommoEnvironment";

    /// <summary>The server, portal or tenant URL.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RocketChatTokenSet)]
    [Parameter(Mandatory = true, ParameterSetName = RocketChatCredentialSet)]
    [Parameter(Mandatory = true, ParameterSetName = Bitrix24OAuthSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeBasicSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeTicketSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeBearerSet)]
    [ValidateNotNullOrEmpty]
    public string Url { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = RocketChatCredentialSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeBasicSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    [Parameter(Mandatory = true, ParameterSetName = Bitrix24OAuthSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeBearerSet)]
    [Parameter(ParameterSetName = KommoSet)]
    [ValidateNotNull]
    public System.Security.SecureString? AccessToken { get; set; }

    /// <summary>The name to register the connection under; the provider's name by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Steady request rate to keep to; the provider's documented limit by default.</summary>
    [Parameter]
    [ValidateRange(0.1, 1000)]
    public double RequestsPerSecond { get; set; }

    /// <summary>Requests allowed at once before the steady rate applies.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int Burst { get; set; }

    /// <summary>
    /// The longest one request may take, retries included (each attempt gets at most 30 s of it);
    /// 300 by default. Also bounds Connect-ChatProvider's own check of the credentials.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var settings = CreateSettings();
        settings.Policy = settings.DefaultPolicy with
        {
            RequestsPerSecond = MyInvocation.BoundParameters.ContainsKey(nameof(RequestsPerSecond)) ? RequestsPerSecond : settings.DefaultPolicy.RequestsPerSecond,
            Burst = MyInvocation.BoundParameters.ContainsKey(nameof(Burst)) ? Burst : settings.DefaultPolicy.Burst,
        };
        if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)))
        {
            settings.Policy = settings.Policy.WithTimeout(TimeSpan.FromSeconds(TimeoutSec));
        }

        var name = Name ?? settings.Kind.ToString();
        ChatConnection? connection = null;
        RunWork(async (_, token) => connection = await ChatConnection.OpenAsync(name, settings, token).ConfigureAwait(false));
        ChatConnections.Register(connection!);
        WriteVerbose($"Connected '{name}' to {connection!.Provider} at {connection.Endpoint} as {connection.Account ?? "(unknown account)"}.");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    private ChatConnectionSettings CreateSettings()
    {
        try
        {
            BindFromEnvironment();
            return EffectiveSet switch
            {
                RocketChatTokenSet or RocketChatCredentialSet => CreateRocketChatSettings(),
                Bitrix24WebhookSet or Bitrix24OAuthSet => CreateBitrix24Settings(),
                SuperOfficeBasicSet or SuperOfficeTicketSet or SuperOfficeBearerSet => CreateSuperOfficeSettings(),
                KommoSet => CreateKommoSettings(),
                _ => throw new ChatHistoryException(ChatErrorKind.NotSupported, $"The parameter set {ParameterSetName} is not supported."),
            };
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
            throw;
        }
    }

    private static Secret? SecretOf(System.Security.SecureString? value) =>
        value is null || value.Length == 0 ? null : Secret.FromSecureString(value);
}
