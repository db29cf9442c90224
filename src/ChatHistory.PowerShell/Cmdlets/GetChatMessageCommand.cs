using System.Management.Automation;
using System.Threading.Channels;
using ChatHistory.Connections;
using ChatHistory.Engine;
using ChatHistory.Engine.Cursors;
using ChatHistory.Model;
using ChatHistory.Providers;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// Get-ChatMessage: the messages of the sessions given or piped in, oldest first per session.
/// Piped sessions stream into one reader per connection, so that batches and parallel reads span
/// input records while output keeps the input order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ChatMessage", SupportsPaging = true)]
[OutputType(typeof(ChatMessage))]
public sealed class GetChatMessageCommand : ConnectedCmdletBase
{
    private PagingWindow? window;
    private MessageCursorStore? cursors;
    private ActiveRead? active;

    /// <summary>The sessions to read; binds the SessionId of piped sessions.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConversationId", "RoomId")]
    [ValidateNotNullOrEmpty]
    public object[] SessionId { get; set; } = [];

    /// <summary>Only messages after this message id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? After { get; set; }

    /// <summary>Only messages posted at or after this time (a DateTime or a DateTimeOffset).</summary>
    [Parameter]
    public DateTimeOffset? Since { get; set; }

    /// <summary>A file that keeps, per session, the last message read: each run reads only newer messages.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CursorPath { get; set; }

    /// <summary>Sessions read at the same time.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Messages per request on the wire; clamped to the provider's maximum.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    protected override void BeginProcessing()
    {
        window = new PagingWindow(PagingParameters.Skip, PagingParameters.First == ulong.MaxValue ? null : PagingParameters.First);
        if (CursorPath is not null)
        {
            try
            {
                cursors = MessageCursorStore.Open(FileSystemPath(CursorPath), WriteWarning);
            }
            catch (ChatHistoryException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error));
            }
        }
    }

    protected override void ProcessRecord()
    {
        if (window!.IsFull)
        {
            return;
        }

        var ids = SessionIdsOf(SessionId);
        if (ids.Count == 0)
        {
            return;
        }

        var connection = ResolveConnection();
        if (active is not null && !ReferenceEquals(active.Connection, connection))
        {
            FinishActive();
        }

        active ??= StartRead(connection);
        foreach (var id in ids)
        {
            active.Enqueue(id);
        }

        PumpAvailable(active.Bridge);
    }

    protected override void EndProcessing()
    {
        FinishActive();
        if (PagingParameters.IncludeTotalCount)
        {
            WriteObject(PagingParameters.NewTotalCount(window!.Seen, window.IsFull ? 0.0 : 1.0));
        }
    }

    private ActiveRead StartRead(ChatConnection connection)
    {
        var sessions = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var query = new ChatMessageQuery
        {
            After = After,
            Since = Since,
            PageSize = PageSize,
        };
        var lease = Lease(connection);
        var progress = ReadProgress.ForMessages(connection.Name, PagingParameters.First == ulong.MaxValue ? null : PagingParameters.First);
        var bridge = StartWork(async (bridge, token) =>
        {
            // Each completed session is saved at once, so that a run killed later repeats at most the session it was reading.
            var fetcher = new MessageFetcher(connection, ThrottleLimit) { SessionCompleted = _ => bridge.Post(SaveCursors) };
            var items = fetcher.FetchAsync(sessions.Reader.ReadAllAsync(token), sessionId => QueryFor(connection, sessionId, query), token);
            await foreach (var item in items.ConfigureAwait(false))
            {
                if (item.Error is { } error)
                {
                    bridge.Post(() => WriteChatError(error));
                    continue;
                }

                var message = item.Message!;
                if (window!.Admit())
                {
                    bridge.Post(() => Emit(connection, message));
                }

                if (progress.Count(message) is { } record)
                {
                    bridge.Post(() => WriteProgress(record));
                }

                if (window.IsFull)
                {
                    break;
                }
            }

            bridge.Post(() => WriteProgress(progress.Completed()));
        });
        return new ActiveRead(connection, lease, sessions.Writer, bridge);
    }

    private ChatMessageQuery QueryFor(ChatConnection connection, string sessionId, ChatMessageQuery query) =>
        cursors?.Get(connection.Provider, connection.ServerIdentity, sessionId) is { } cursor && query.After is null
            ? query.WithAfter(cursor.LastMessageId)
            : query;

    private void Emit(ChatConnection connection, ChatMessage message)
    {
        try
        {
            WriteObject(message);
        }
        finally
        {
            // WriteObject also throws after the message was delivered (Select-Object -First ends the
            // pipeline from inside it, a downstream command fails on it): the cursor moves unless the
            // pipeline was already stopping, when the message may not have been delivered at all.
            if (!Stopping)
            {
                cursors?.Advance(connection.ServerIdentity, message);
            }
        }
    }

    private void SaveCursors() => cursors?.Save();

    /// <summary>The file-system path -CursorPath names; any other drive (Env:, HKLM:, a variable) is refused.</summary>
    private string FileSystemPath(string path) => FileSystemPaths.Resolve(SessionState, path, CursorFilePath.Refused);

    private void FinishActive()
    {
        if (active is null)
        {
            return;
        }

        var finishing = active;
        active = null;
        finishing.Complete();
        try
        {
            FinishWork(finishing.Bridge);
        }
        finally
        {
            finishing.Lease.Dispose();
            // Saved even when the run fails or is stopped, so that what was emitted is not read again.
            SaveCursors();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Reached without EndProcessing when the pipeline was stopped or an upstream command
            // threw: stop the reader (no more requests) and keep what was delivered.
            var abandoned = active;
            active = null;
            abandoned?.Bridge.Dispose();
            abandoned?.Lease.Dispose();
            try
            {
                SaveCursors();
            }
            catch (ChatHistoryException)
            {
                // Nowhere left to report it; the next run reads those messages again.
            }
        }

        base.Dispose(disposing);
    }

    private sealed class ActiveRead(ChatConnection connection, IDisposable lease, ChannelWriter<string> sessions, PipelineBridge bridge)
    {
        public ChatConnection Connection => connection;

        /// <summary>Holds the connection open until this read ends, whatever Disconnect-ChatProvider does meanwhile.</summary>
        public IDisposable Lease => lease;

        public PipelineBridge Bridge => bridge;

        public void Enqueue(string sessionId) => sessions.TryWrite(sessionId);

        public void Complete() => sessions.TryComplete();
    }
}
