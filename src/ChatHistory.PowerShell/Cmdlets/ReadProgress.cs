using System.Diagnostics;
using System.Management.Automation;
using ChatHistory.Model;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>Write-Progress for long pulls: sessions and messages so far, at most a few updates a second.</summary>
internal sealed class ReadProgress(string connectionName)
{
    private const int ActivityId = 0x4348; // "CH"
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch sinceUpdate = Stopwatch.StartNew();
    private long messages;
    private long sessions;
    private string? lastSession;

    /// <summary>Counts a message; returns a record when an update is due.</summary>
    public ProgressRecord? Count(ChatMessage message)
    {
        messages++;
        if (message.SessionId != lastSession)
        {
            sessions++;
            lastSession = message.SessionId;
        }

        if (sinceUpdate.Elapsed < Interval)
        {
            return null;
        }

        sinceUpdate.Restart();
        return new ProgressRecord(ActivityId, $"Reading chat messages from {connectionName}", $"{messages} messages from {sessions} sessions; now session {lastSession}");
    }

    public ProgressRecord Completed() =>
        new(ActivityId, $"Reading chat messages from {connectionName}", "Done") { RecordType = ProgressRecordType.Completed };
}
