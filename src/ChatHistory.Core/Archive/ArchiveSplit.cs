namespace ChatHistory.Archive;

/// <summary>How Export-ChatHistory groups messages into JSON Lines files.</summary>
public enum ArchiveSplit
{
    /// <summary>One file per session (and a new part per run that finds new messages).</summary>
    Session,

    /// <summary>One file per day of the message's UTC timestamp (and a new part per run).</summary>
    Day,
}
