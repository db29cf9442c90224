namespace ChatHistory.Archive;

/// <summary>What one Export-ChatHistory run wrote; counts only what was safely in place.</summary>
public sealed class ChatArchiveSummary
{
    private long sessions;
    private long messages;
    private long parts;
    private long files;
    private long bytes;
    private long errors;

    /// <summary>The archive folder.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Sessions read to their end (with or without new messages).</summary>
    public long Sessions => Interlocked.Read(ref sessions);

    /// <summary>New messages written to JSON Lines part files.</summary>
    public long Messages => Interlocked.Read(ref messages);

    /// <summary>JSON Lines part files written.</summary>
    public long Parts => Interlocked.Read(ref parts);

    /// <summary>Attachment files saved beside the messages.</summary>
    public long Files => Interlocked.Read(ref files);

    /// <summary>Bytes written: part files and attachment files.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Non-terminating errors (sessions, connections, attachments).</summary>
    public long Errors => Interlocked.Read(ref errors);

    public TimeSpan Elapsed { get; set; }

    internal void AddSession() => Interlocked.Increment(ref sessions);

    internal void AddCommitted(long messageCount, long partCount, long byteCount)
    {
        Interlocked.Add(ref messages, messageCount);
        Interlocked.Add(ref parts, partCount);
        Interlocked.Add(ref bytes, byteCount);
    }

    internal void AddFile(long byteCount)
    {
        Interlocked.Increment(ref files);
        Interlocked.Add(ref bytes, byteCount);
    }

    internal void AddError() => Interlocked.Increment(ref errors);

    public override string ToString() =>
        $"{Messages} messages from {Sessions} sessions in {Parts} parts, {Files} files, {Bytes} bytes, {Errors} errors";
}
