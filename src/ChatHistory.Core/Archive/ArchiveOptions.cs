namespace ChatHistory.Archive;

/// <summary>How Export-ChatHistory writes one connection's sessions.</summary>
public sealed record ArchiveOptions
{
    public ArchiveSplit SplitBy { get; init; } = ArchiveSplit.Session;

    /// <summary>Sessions read at the same time.</summary>
    public int ThrottleLimit { get; init; } = 4;

    /// <summary>Keep each message's provider JSON (Raw) in the files.</summary>
    public bool IncludeRaw { get; init; }

    /// <summary>Downloads each message's files beside it, as Save-ChatAttachment does.</summary>
    public bool IncludeAttachments { get; init; }

    /// <summary>With <see cref="IncludeAttachments"/>: larger files are skipped with a warning; null for no limit.</summary>
    public long? MaximumAttachmentSize { get; init; }

    /// <summary>
    /// How often finished sessions are committed (parts renamed, cursor saved), at the first session
    /// boundary after this much time; null takes 2 s for -SplitBy Session and 1 min for Day. Saving
    /// per session would rewrite the whole cursor file once per session; a stopped run reads at
    /// most this much again.
    /// </summary>
    public TimeSpan? CommitInterval { get; init; }

    /// <summary>Commits at the first session boundary once this many part files are open.</summary>
    public int MaxOpenParts { get; init; } = 64;

    internal TimeSpan EffectiveCommitInterval =>
        CommitInterval ?? (SplitBy == ArchiveSplit.Session ? TimeSpan.FromSeconds(2) : TimeSpan.FromMinutes(1));
}
