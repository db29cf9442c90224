using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ChatHistory.Attachments;
using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Engine;
using ChatHistory.Model;
using ChatHistory.Providers;

namespace ChatHistory.Archive;

/// <summary>
/// Archives one connection: lists (or reads by id) the sessions of a query, reads each session's
/// messages after the archive's cursor with the shared <see cref="MessageFetcher"/>, writes them
/// through an <see cref="ArchiveWriter"/> and commits at session boundaries every few seconds
/// (<see cref="ArchiveOptions.CommitInterval"/>) and at the end. A failed session or listing is reported and counted; what
/// was read before it is kept. A stopped run drops only what it had not committed.
/// </summary>
public sealed class ArchiveRun(ArchiveFolder archive, ChatConnection connection, ArchiveOptions options, ChatArchiveSummary summary)
{
    private ChatHistoryException? writeFailure;

    /// <summary>A non-terminating error: a session, an attachment, or the listing of this connection.</summary>
    public Action<ChatHistoryException>? Failed { get; init; }

    /// <summary>Called as each message is written (for progress).</summary>
    public Action<ChatMessage>? Written { get; init; }

    /// <summary>The connection's folder inside the archive: provider, then server (never a name or secret).</summary>
    public static string FolderOf(ChatConnection connection)
    {
        var identity = connection.ServerIdentity;
        var scheme = identity.IndexOf("://", StringComparison.Ordinal);
        // "/" on every platform (Windows takes it too), so sessions.csv reads the same everywhere.
        return $"{connection.Provider}/{SessionFileName.Of(scheme < 0 ? identity : identity[(scheme + 3)..])}";
    }

    public async Task RunAsync(ChatSessionQuery query, CancellationToken cancellationToken)
    {
        var folder = FolderOf(connection);
        var sessions = new ConcurrentDictionary<string, ChatSession>(StringComparer.Ordinal);
        using var writer = new ArchiveWriter(archive, folder, connection.ServerIdentity, options.SplitBy, options.IncludeRaw);
        var sinceCommit = Stopwatch.StartNew();
        var fetcher = new MessageFetcher(connection, options.ThrottleLimit)
        {
            // Called between sessions, so the parts written so far hold whole sessions only.
            SessionCompleted = sessionId =>
            {
                summary.AddSession();
                if (sessions.TryRemove(sessionId, out var session))
                {
                    archive.Index.Update(folder, session);
                }

                if (sinceCommit.Elapsed >= options.EffectiveCommitInterval || writer.OpenParts >= options.MaxOpenParts)
                {
                    Commit(writer, folder);
                    sinceCommit.Restart();
                }
            },
        };
        try
        {
            var items = fetcher.FetchAsync(SessionIdsAsync(query, sessions, cancellationToken), QueryFor, cancellationToken);
            await foreach (var item in items.ConfigureAwait(false))
            {
                if (item.Error is { } error)
                {
                    Report(error);
                    continue;
                }

                var message = item.Message!;
                if (options.IncludeAttachments)
                {
                    await SaveAttachmentsAsync(writer, message, cancellationToken).ConfigureAwait(false);
                }

                Writing(() => writer.Write(message));
                Written?.Invoke(message);
            }

            Commit(writer, folder);
        }
        catch (ChatHistoryException error) when (!ReferenceEquals(error, writeFailure))
        {
            // The listing (or a filter this platform refuses) failed this connection, after the
            // sessions before it were read to their end: keep those; the other connections go on.
            // A failure to write the archive is not caught: it ends the run.
            Commit(writer, folder);
            Report(error);
        }
        finally
        {
            writer.Abandon();
            archive.Index.Save();
        }
    }

    private ChatMessageQuery QueryFor(string sessionId) =>
        new() { After = archive.Cursors.Get(connection.Provider, connection.ServerIdentity, sessionId)?.LastMessageId };

    private async IAsyncEnumerable<string> SessionIdsAsync(
        ChatSessionQuery query, ConcurrentDictionary<string, ChatSession> sessions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in SessionReader.ReadAsync(connection, query, cancellationToken).ConfigureAwait(false))
        {
            if (item.Error is { } error)
            {
                Report(error);
                continue;
            }

            var session = item.Session!;
            sessions[session.SessionId] = session;
            yield return session.SessionId;
        }
    }

    /// <summary>
    /// Each file through its connection by the same <see cref="AttachmentDownloader"/> as
    /// Save-ChatAttachment: links have nothing to save, and a file over the size limit is skipped
    /// with a warning.
    /// </summary>
    private async Task SaveAttachmentsAsync(ArchiveWriter writer, ChatMessage message, CancellationToken cancellationToken)
    {
        if (message.Attachments.Length == 0)
        {
            return;
        }

        var directory = string.Empty;
        Writing(() => directory = writer.AttachmentDirectory(message));
        foreach (var attachment in message.Attachments)
        {
            try
            {
                var saved = await AttachmentDownloader.SaveAsync(connection, attachment, directory, options.MaximumAttachmentSize, cancellationToken).ConfigureAwait(false);
                if (saved.SkipReason == AttachmentSkipReason.TooLarge)
                {
                    ChatLog.Current.Warning($"Session {message.SessionId}, message {message.MessageId}: {saved.SkipMessage}");
                }

                if (saved.Saved)
                {
                    summary.AddFile(saved.Bytes);
                }
            }
            catch (ChatHistoryException error)
            {
                Report(error.SessionId is null ? error.ForSession(message.SessionId) : error);
            }
        }
    }

    private void Commit(ArchiveWriter writer, string folder)
    {
        ArchiveCommit committed = ArchiveCommit.Empty;
        Writing(() => committed = writer.Commit());
        summary.AddCommitted(committed.Messages, committed.Parts, committed.Bytes);
        foreach (var position in committed.Positions)
        {
            archive.Index.Archived(folder, position.SessionId, position.MessageId, DateTimeOffset.UtcNow);
        }

        // With each commit, so that a run killed later still leaves a row for every session it committed.
        Writing(archive.Index.Save);
    }

    /// <summary>Runs a write to the archive, remembering its failure: that one ends the run instead of being reported as a connection's error.</summary>
    private void Writing(Action write)
    {
        try
        {
            write();
        }
        catch (ChatHistoryException failure)
        {
            writeFailure = failure;
            throw;
        }
    }

    private void Report(ChatHistoryException error)
    {
        summary.AddError();
        Failed?.Invoke(error);
    }
}
