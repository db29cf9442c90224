namespace ChatHistory.Providers.SuperOffice;

/// <summary>How a SuperOffice connection authenticates; named in authentication errors.</summary>
public enum SuperOfficeAuthScheme
{
    /// <summary>Authorization: Basic with a user name and password (onsite installations only).</summary>
    Basic,

    /// <summary>Authorization: SOTicket with a credential ticket, plus SO-AppToken (online).</summary>
    Ticket,

    /// <summary>Authorization: Bearer with an OpenID Connect access token, optionally with SO-AppToken (online).</summary>
    Bearer,
}
