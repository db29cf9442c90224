using System.Management.Automation;
using System.Security;
using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Providers.SuperOffice;

namespace ChatHistory.PowerShell.Cmdlets;

public sealed partial class ConnectChatProviderCommand
{
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeBasicSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeTicketSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeBearerSet)]
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeEnvironmentSet)]
    public SwitchParameter SuperOffice { get; set; }

    /// <summary>A SuperOffice credential ticket (7T:...), sent as Authorization: SOTicket.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeTicketSet)]
    [ValidateNotNull]
    public SecureString? Ticket { get; set; }

    /// <summary>The application's token, sent as SO-AppToken: required with a ticket, optional with a bearer token.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SuperOfficeTicketSet)]
    [Parameter(ParameterSetName = SuperOfficeBearerSet)]
    [ValidateNotNull]
    public SecureString? ApplicationToken { get; set; }

    /// <summary>SuperOffice: language of translated texts (Accept-Language and SO-Language).</summary>
    [Parameter(ParameterSetName = SuperOfficeBasicSet)]
    [Parameter(ParameterSetName = SuperOfficeTicketSet)]
    [Parameter(ParameterSetName = SuperOfficeBearerSet)]
    [Parameter(ParameterSetName = SuperOfficeEnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? Language { get; set; }

    /// <summary>SuperOffice: culture of numbers and dates inside texts (SO-Culture).</summary>
    [Parameter(ParameterSetName = SuperOfficeBasicSet)]
    [Parameter(ParameterSetName = SuperOfficeTicketSet)]
    [Parameter(ParameterSetName = SuperOfficeBearerSet)]
    [Parameter(ParameterSetName = SuperOfficeEnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? Culture { get; set; }

    /// <summary>SuperOffice: the zone the server converts dates to (SO-TimeZone), a SuperOffice code or a zone name.</summary>
    [Parameter(ParameterSetName = SuperOfficeBasicSet)]
    [Parameter(ParameterSetName = SuperOfficeTicketSet)]
    [Parameter(ParameterSetName = SuperOfficeBearerSet)]
    [Parameter(ParameterSetName = SuperOfficeEnvironmentSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string? TimeZone { get; set; }

    /// <summary>SuperOffice: the zone of dates the server sends without an offset (IANA or Windows name).</summary>
    [Parameter(ParameterSetName = SuperOfficeBasicSet)]
    [Parameter(ParameterSetName = SuperOfficeTicketSet)]
    [Parameter(ParameterSetName = SuperOfficeBearerSet)]
    [Parameter(ParameterSetName = SuperOfficeEnvironmentSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string? ArchiveTimeZone { get; set; }

    private ChatConnectionSettings CreateSuperOfficeSettings() => new SuperOfficeSettings
    {
        TenantUrl = EndpointGuard.RequireSecure(Url, "-Url"),
        UserName = EffectiveSet == SuperOfficeBasicSet ? Credential.UserName : null,
        Password = EffectiveSet == SuperOfficeBasicSet ? SecretOf(Credential.Password) : null,
        Ticket = EffectiveSet == SuperOfficeTicketSet ? SecretOf(Ticket) : null,
        AccessToken = EffectiveSet == SuperOfficeBearerSet ? SecretOf(AccessToken) : null,
        ApplicationToken = EffectiveSet == SuperOfficeBasicSet ? null : SecretOf(ApplicationToken),
        Language = Language,
        Culture = Culture,
        TimeZone = TimeZone,
        ArchiveTimeZone = ArchiveTimeZone is null ? null : SuperOfficeSettings.FindTimeZone(ArchiveTimeZone),
    };
}
