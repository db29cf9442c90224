using System.Management.Automation;
using ChatHistory.Connections;
using ChatHistory.Engine;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>A cmdlet that reads through a connection: -Connection takes a name or a connection object.</summary>
public abstract class ConnectedCmdletBase : ChatCmdletBase
{
    /// <summary>A connection name or object; the most recent connection when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    [ValidateNotNull]
    public object? Connection { get; set; }

    /// <summary>The connection named by -Connection; a missing one is a terminating error.</summary>
    protected ChatConnection ResolveConnection()
    {
        try
        {
            return ChatConnections.Resolve(Connection is PSObject wrapped ? wrapped.BaseObject : Connection);
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>The session ids of -SessionId (given or piped); input that names no session is a non-terminating error.</summary>
    protected List<string> SessionIdsOf(IEnumerable<object> input)
    {
        var ids = new List<string>();
        foreach (var item in input)
        {
            var wrapped = item as PSObject ?? PSObject.AsPSObject(item);
            try
            {
                // A property set from $_ in a script block holds the value wrapped in a PSObject.
                ids.Add(SessionInput.IdOf(wrapped.BaseObject, name => wrapped.Properties[name]?.Value is PSObject { BaseObject: var value } ? value : wrapped.Properties[name]?.Value));
            }
            catch (ChatHistoryException error)
            {
                WriteError(ErrorRecords.From(error));
            }
        }

        return ids;
    }

    /// <summary>Keeps the connection open for a read even if it is disconnected or replaced meanwhile.</summary>
    protected IDisposable Lease(ChatConnection connection)
    {
        try
        {
            return connection.Lease();
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }
}
