using System.Management.Automation;
using ChatHistory.Engine;
using ChatHistory.Model;
using ChatHistory.Providers;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>Get-ChatSession: lists conversations, or reads the ones named by id or lookup.</summary>
[Cmdlet(VerbsCommon.Get, "ChatSession", SupportsPaging = true)]
[OutputType(typeof(ChatSession))]
public sealed class GetChatSessionCommand : SessionFilterCmdletBase
{
    private PagingWindow? window;

    /// <summary>Read these sessions (Kommo: conversation ids) instead of listing.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConversationId", "RoomId")]
    [ValidateNotNullOrEmpty]
    public object[] SessionId { get; set; } = [];

    protected override void BeginProcessing()
    {
        window = new PagingWindow(PagingParameters.Skip, FirstOrNull());
        RequireWindow();
    }

    protected override void ProcessRecord()
    {
        if (window!.IsFull)
        {
            return;
        }

        var ids = SessionIdsOf(SessionId);
        if (SessionId.Length > 0 && ids.Count == 0)
        {
            return;
        }

        var connection = ResolveConnection();
        var query = BuildQuery() with { SessionIds = ids };
        using var lease = Lease(connection);
        var progress = ReadProgress.ForSessions(connection.Name, FirstOrNull());
        WriteProgress(progress.Started());
        RunWork(async (bridge, token) =>
        {
            await foreach (var item in SessionReader.ReadAsync(connection, query, token).ConfigureAwait(false))
            {
                if (item.Error is { } error)
                {
                    bridge.Post(() => WriteChatError(error));
                }
                else if (window!.Admit())
                {
                    var session = item.Session!;
                    bridge.Post(() => WriteObject(session));
                    if (progress.Count(session.SessionId) is { } record)
                    {
                        bridge.Post(() => WriteProgress(record));
                    }
                }

                if (window!.IsFull)
                {
                    break;
                }
            }

            bridge.Post(() => WriteProgress(progress.Completed()));
        });
    }

    protected override void EndProcessing()
    {
        if (PagingParameters.IncludeTotalCount)
        {
            WriteObject(PagingParameters.NewTotalCount(window!.Seen, window.IsFull ? 0.0 : 1.0));
        }
    }

    private ulong? FirstOrNull() => PagingParameters.First == ulong.MaxValue ? null : PagingParameters.First;
}
