namespace ChatHistory.Archive;

/// <summary>How Export-ChatHistory writes one connection's sessions.</summary>
public sealed record ArchiveOptions
{
    public ArchiveSplit SplitBy { get; init; } = ArchiveSplit.Session;

    /// <summary>Sessions read at the same time.</summary>
    public int ThrottleLimit { get; init; } = 4;

    /// <summary>Keep each message's provider JSON (Raw) in the files.</summary>
    public bool IncludeRaw { get; init; }

    /// <summary>Saves attachments beside the messages; null leaves them out.</summary>
    public IArchiveAttachmentStore? Attachments { get; init; }

    /// <summary>-SplitBy Day commits after this many completed sessions (and at the end), so that day files are not cut into a part per session.</summary>
    public int SessionsPerDayCommit { get; init; } = 200;
}
