using System.Management.Automation;
using ChatHistory.Connections;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>Disconnect-ChatProvider: closes connections and forgets them.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "ChatProvider", SupportsShouldProcess = true, DefaultParameterSetName = "ByName")]
[OutputType(typeof(void))]
public sealed class DisconnectChatProviderCommand : ChatCmdletBase
{
    /// <summary>Names of the connections to close; the current connection when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "ByName")]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>Close every connection.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "All")]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var names = All ? ChatConnections.All.Select(c => c.Name).ToArray()
            : Name.Length > 0 ? Name
            : ChatConnections.Current is { } current ? [current.Name]
            : [];
        foreach (var name in names)
        {
            if (ChatConnections.Find(name) is null)
            {
                WriteChatError(new ChatHistoryException(ChatErrorKind.NotFound, $"There is no connection named '{name}'.") { SessionId = null });
                continue;
            }

            if (ShouldProcess(name, "Disconnect"))
            {
                ChatConnections.Remove(name);
            }
        }
    }
}
