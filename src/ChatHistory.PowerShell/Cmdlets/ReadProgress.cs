using System.Diagnostics;
using System.Management.Automation;
using ChatHistory.Engine;
using ChatHistory.Model;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// Write-Progress for long reads: the count and rate so far, and percent and time left when the
/// total is known (-First). The first record goes out at once, later ones a few times a second.
/// </summary>
internal sealed class ReadProgress(string activity, string noun, ulong? total)
{
    private const int ActivityId = 0x4348; // "CH"
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly Stopwatch sinceUpdate = Stopwatch.StartNew();
    private long count;
    private long sessions;
    private string? lastSession;

    public static ReadProgress ForSessions(string connectionName, ulong? first) =>
        new($"Listing chat sessions from {connectionName}", "sessions", first);

    public static ReadProgress ForMessages(string connectionName, ulong? first) =>
        new($"Reading chat messages from {connectionName}", "messages", first);

    /// <summary>Shown before the first page arrives, so a slow first answer is not a blank screen.</summary>
    public ProgressRecord Started() => new(ActivityId, activity, "Waiting for the first page");

    /// <summary>Counts a session or message; returns a record when an update is due.</summary>
    public ProgressRecord? Count(string sessionId)
    {
        count++;
        if (sessionId != lastSession)
        {
            sessions++;
            lastSession = sessionId;
        }

        if (sinceUpdate.Elapsed < Interval)
        {
            return null;
        }

        sinceUpdate.Restart();
        var estimate = ProgressEstimate.Of(count, total, elapsed.Elapsed);
        var status = noun == "messages" ? $"{estimate.Describe(noun)} from {sessions} sessions; now session {lastSession}" : estimate.Describe(noun);
        return new ProgressRecord(ActivityId, activity, status)
        {
            PercentComplete = estimate.PercentComplete,
            SecondsRemaining = estimate.SecondsRemaining,
        };
    }

    public ProgressRecord? Count(ChatMessage message) => Count(message.SessionId);

    public ProgressRecord Completed() =>
        new(ActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed };
}
