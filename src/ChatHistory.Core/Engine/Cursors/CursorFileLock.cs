namespace ChatHistory.Engine.Cursors;

/// <summary>
/// An exclusive lock on a cursor file, held while the file is read, merged and replaced, so that
/// processes sharing the file never lose each other's entries. It is a separate file
/// ("cursor.json.lock") opened without sharing, which every platform enforces between processes;
/// the lock file stays in place, because deleting it would let two processes lock two different files.
/// </summary>
public sealed class CursorFileLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private readonly FileStream stream;

    private CursorFileLock(FileStream stream) => this.stream = stream;

    public static string PathFor(string cursorFile) => cursorFile + ".lock";

    /// <summary>Takes the lock, waiting while another process holds it, at most <paramref name="timeout"/>.</summary>
    public static CursorFileLock Acquire(string cursorFile, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return Create(cursorFile);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(PathFor(cursorFile)))
            {
                // Held by another writer; it holds it only for one read and one write of a small file.
                cancellationToken.WaitHandle.WaitOne(Poll);
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (IOException exception) when (File.Exists(PathFor(cursorFile)))
            {
                throw new ChatHistoryException(
                    ChatErrorKind.ConnectionFailed,
                    $"The cursor file '{cursorFile}' stayed locked by another process for {timeout.TotalSeconds:0} s ({exception.Message}).")
                {
                    Hint = $"Another run is saving to the same cursor file and did not finish; if no ChatHistory run is active, delete '{PathFor(cursorFile)}'.",
                };
            }
        }
    }

    /// <summary>Takes the lock or fails at once.</summary>
    internal static CursorFileLock Create(string cursorFile) =>
        new(new FileStream(PathFor(cursorFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));

    public void Dispose() => stream.Dispose();
}
