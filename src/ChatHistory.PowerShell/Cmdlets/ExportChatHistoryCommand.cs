using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using ChatHistory.Archive;
using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Providers;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// Export-ChatHistory: archives the sessions of one or more connections, and their messages, into a
/// folder that keeps its own cursor, so that the same command run every night writes only what is
/// new. Writes a summary at the end.
/// </summary>
[Cmdlet(VerbsData.Export, "ChatHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ChatArchiveSummary))]
public sealed class ExportChatHistoryCommand : SessionFilterCmdletBase
{
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly List<(ChatConnection Connection, List<string> Ids)> pipedSessions = [];
    private bool sessionInput;
    private string? root;
    private ChatArchiveSummary? summary;
    private ArchiveFolder? archive;

    /// <summary>The archive folder; created when missing.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Archive these sessions (Kommo: conversation ids) instead of listing; binds piped sessions.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConversationId", "RoomId")]
    [ValidateNotNullOrEmpty]
    public object[] SessionId { get; set; } = [];

    /// <summary>One JSON Lines file per session, or per UTC day.</summary>
    [Parameter]
    public ArchiveSplit SplitBy { get; set; } = ArchiveSplit.Session;

    /// <summary>Sessions read at the same time.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Keeps each message's provider JSON in the files.</summary>
    [Parameter]
    public SwitchParameter IncludeRaw { get; set; }

    /// <summary>Also downloads each message's files into the archive.</summary>
    [Parameter]
    public SwitchParameter IncludeAttachments { get; set; }

    /// <summary>With -IncludeAttachments: files larger than this many bytes are skipped with a warning.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long? MaximumAttachmentSize { get; set; }

    protected override void BeginProcessing()
    {
        RequireWindow();
        try
        {
            root = FileSystemPaths.Resolve(SessionState, Path, ArchiveFolder.Refused);
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
        }

        summary = new ChatArchiveSummary { Path = root! };
    }

    protected override void ProcessRecord()
    {
        if (SessionId.Length == 0)
        {
            return;
        }

        sessionInput = true;
        var ids = SessionIdsOf(SessionId);
        if (ids.Count == 0)
        {
            return;
        }

        var connections = ResolveConnections();
        if (connections.Count != 1)
        {
            ThrowTerminatingError(ErrorRecords.From(new ChatHistoryException(
                ChatErrorKind.InvalidArgument, "Sessions named by id belong to one connection, but -Connection names several.")
            {
                Hint = "Give one -Connection with -SessionId, or pipe in Get-ChatSession's output, whose sessions carry their connection.",
            }));
        }

        // Consecutive sessions of one connection are archived in one run of that connection.
        if (pipedSessions.Count > 0 && ReferenceEquals(pipedSessions[^1].Connection, connections[0]))
        {
            pipedSessions[^1].Ids.AddRange(ids);
        }
        else
        {
            pipedSessions.Add((connections[0], ids));
        }
    }

    protected override void EndProcessing()
    {
        if (sessionInput)
        {
            foreach (var (connection, ids) in pipedSessions)
            {
                Archive(connection, BuildQuery() with { SessionIds = ids.Distinct(StringComparer.Ordinal).ToList() });
            }
        }
        else
        {
            foreach (var connection in ResolveConnections())
            {
                Archive(connection, BuildQuery());
            }
        }

        // -WhatIf (or every -Confirm declined) opened nothing and wrote nothing: no summary either.
        if (archive is not null)
        {
            summary!.Elapsed = elapsed.Elapsed;
            WriteObject(summary);
        }
    }

    private void Archive(ChatConnection connection, ChatSessionQuery query)
    {
        if (!ShouldProcess($"{root} ({connection.Provider} connection '{connection.Name}')", "Archive new chat sessions and messages"))
        {
            return;
        }

        archive ??= OpenArchive();
        using var lease = Lease(connection);
        var progress = ReadProgress.ForMessages(connection.Name, null);
        WriteProgress(progress.Started());
        var options = new ArchiveOptions
        {
            SplitBy = SplitBy,
            ThrottleLimit = ThrottleLimit,
            IncludeRaw = IncludeRaw,
            IncludeAttachments = IncludeAttachments,
            MaximumAttachmentSize = MaximumAttachmentSize,
        };
        RunWork(async (bridge, token) =>
        {
            var run = new ArchiveRun(archive, connection, options, summary!)
            {
                Failed = error => bridge.Post(() => WriteChatError(error)),
                Written = message =>
                {
                    if (progress.Count(message) is { } record)
                    {
                        bridge.Post(() => WriteProgress(record));
                    }
                },
            };
            await run.RunAsync(query, token).ConfigureAwait(false);
            bridge.Post(() => WriteProgress(progress.Completed()));
        });
    }

    private ArchiveFolder OpenArchive()
    {
        try
        {
            // Warnings come from this thread while the folder opens, and later from the work's
            // thread when a cursor save finds a damaged entry: those go through the work's bridge.
            var pipelineThread = Environment.CurrentManagedThreadId;
            return ArchiveFolder.Open(root!, message =>
            {
                if (Environment.CurrentManagedThreadId == pipelineThread)
                {
                    WriteWarning(message);
                }
                else
                {
                    ChatLog.Current.Warning(message);
                }
            });
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>-Connection as one or more names or connections; the most recent connection when omitted.</summary>
    private List<ChatConnection> ResolveConnections()
    {
        var value = Connection is PSObject wrapped ? wrapped.BaseObject : Connection;
        if (value is null or string or not IEnumerable)
        {
            return [ResolveConnection()];
        }

        var connections = new List<ChatConnection>();
        try
        {
            foreach (var item in (IEnumerable)value)
            {
                var connection = ChatConnections.Resolve(item is PSObject inner ? inner.BaseObject : item);
                if (!connections.Contains(connection))
                {
                    connections.Add(connection);
                }
            }
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
        }

        return connections;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Each run has committed or dropped its files by now; this frees the folder for the next run.
            archive?.Dispose();
        }

        base.Dispose(disposing);
    }
}
