using System.Management.Automation;
using ChatHistory.Connections;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>Get-ChatConnection: the connections made in this session, the current one last.</summary>
[Cmdlet(VerbsCommon.Get, "ChatConnection")]
[OutputType(typeof(ChatConnection))]
public sealed class GetChatConnectionCommand : ChatCmdletBase
{
    /// <summary>Names to show (wildcards allowed); all when omitted.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    [SupportsWildcards]
    public string[] Name { get; set; } = [];

    /// <summary>Only the connection data cmdlets use when -Connection is omitted.</summary>
    [Parameter]
    public SwitchParameter Current { get; set; }

    protected override void EndProcessing()
    {
        if (Current)
        {
            if (ChatConnections.Current is { } current)
            {
                WriteObject(current);
            }

            return;
        }

        var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var connection in ChatConnections.All)
        {
            if (patterns.Count == 0 || patterns.Any(p => p.IsMatch(connection.Name)))
            {
                WriteObject(connection);
            }
        }
    }
}
