using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChatHistory.Connections;
using ChatHistory.Providers;

namespace ChatHistory.Engine;

/// <summary>
/// Reads the messages of many sessions, up to a bound at once: batches of sessions where the
/// provider can, otherwise sessions. Output keeps the input order of sessions and each session's
/// message order; a failed session yields its error after the messages already read, and the
/// other sessions go on.
/// </summary>
public sealed class MessageFetcher(ChatConnection connection, int concurrency)
{
    private readonly int concurrency = Math.Max(1, concurrency);

    /// <summary>
    /// Called with a session's id once all its items have been yielded (and before any item of the
    /// next session), so that the consumer can save its progress session by session.
    /// </summary>
    public Action<string>? SessionCompleted { get; init; }

    /// <param name="queryFor">The query for one session, so that each can resume from its own cursor.</param>
    public IAsyncEnumerable<MessageStreamItem> FetchAsync(
        IAsyncEnumerable<string> sessionIds, Func<string, ChatMessageQuery> queryFor, CancellationToken cancellationToken) =>
        connection.ProviderInstance is IBatchMessageProvider batch
            ? FetchBatchedAsync(batch, sessionIds, queryFor, cancellationToken)
            : FetchConcurrentlyAsync(sessionIds, queryFor, cancellationToken);

    private async IAsyncEnumerable<MessageStreamItem> FetchConcurrentlyAsync(
        IAsyncEnumerable<string> sessionIds, Func<string, ChatMessageQuery> queryFor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(concurrency);
        var started = Channel.CreateUnbounded<SessionRead>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // Sessions start as they arrive, up to the bound, while the oldest one streams out: the first
        // message does not wait for the bound's worth of sessions to be listed.
        var starting = StartReadsAsync(sessionIds, queryFor, slots, started.Writer, stop.Token);
        try
        {
            await foreach (var read in started.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await foreach (var items in read.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var item in items)
                    {
                        yield return item;
                    }
                }

                SessionCompleted?.Invoke(read.SessionId);
                slots.Release();
            }
        }
        finally
        {
            // The consumer may stop early (Select-Object -First): stop the reads still running.
            await stop.CancelAsync().ConfigureAwait(false);
            await starting.ConfigureAwait(false);
            while (started.Reader.TryRead(out var pending))
            {
                await pending.Completion.ConfigureAwait(false);
            }
        }
    }

    private async Task StartReadsAsync(
        IAsyncEnumerable<string> sessionIds,
        Func<string, ChatMessageQuery> queryFor,
        SemaphoreSlim slots,
        ChannelWriter<SessionRead> started,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var sessionId in sessionIds.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                started.TryWrite(SessionRead.Start(connection, sessionId, queryFor(sessionId), cancellationToken));
            }

            started.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            started.TryComplete();
        }
        catch (Exception failure)
        {
            // The input itself failed: the consumer sees it after the sessions already started.
            started.TryComplete(failure);
        }
    }

    private async IAsyncEnumerable<MessageStreamItem> FetchBatchedAsync(
        IBatchMessageProvider batch,
        IAsyncEnumerable<string> sessionIds,
        Func<string, ChatMessageQuery> queryFor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(concurrency);
        var started = Channel.CreateUnbounded<Task<List<SessionMessages>>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // A full batch starts at once, up to the bound, while earlier batches stream out: the
        // listing's next page and the next batch do not wait for this batch to be emitted.
        var starting = StartBatchesAsync(batch, sessionIds, slots, started.Writer, stop.Token);
        try
        {
            await foreach (var read in started.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var outcome in await read.ConfigureAwait(false))
                {
                    var query = queryFor(outcome.SessionId);
                    foreach (var message in outcome.Messages)
                    {
                        if (MessageFilter.Accepts(query, message))
                        {
                            yield return MessageStreamItem.Of(message);
                        }
                    }

                    if (outcome.Error is not null)
                    {
                        yield return MessageStreamItem.Failed(outcome.Error);
                    }

                    SessionCompleted?.Invoke(outcome.SessionId);
                }

                slots.Release();
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await starting.ConfigureAwait(false);
            while (started.Reader.TryRead(out var pending))
            {
                await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task StartBatchesAsync(
        IBatchMessageProvider batch,
        IAsyncEnumerable<string> sessionIds,
        SemaphoreSlim slots,
        ChannelWriter<Task<List<SessionMessages>>> started,
        CancellationToken cancellationToken)
    {
        try
        {
            var pending = new List<string>(batch.MaxSessionsPerBatch);
            await foreach (var sessionId in sessionIds.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                pending.Add(sessionId);
                if (pending.Count == batch.MaxSessionsPerBatch)
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    started.TryWrite(ReadBatchAsync(batch, pending, cancellationToken));
                    pending = new List<string>(batch.MaxSessionsPerBatch);
                }
            }

            if (pending.Count > 0)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                started.TryWrite(ReadBatchAsync(batch, pending, cancellationToken));
            }

            started.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            started.TryComplete();
        }
        catch (Exception failure)
        {
            started.TryComplete(failure);
        }
    }

    /// <summary>
    /// One batch's outcomes, read on its own. A batch shares one query; sessions with their own
    /// cursor filter their messages when they are emitted.
    /// </summary>
    private Task<List<SessionMessages>> ReadBatchAsync(IBatchMessageProvider batch, List<string> sessionIds, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                var outcomes = new List<SessionMessages>(sessionIds.Count);
                await foreach (var outcome in connection.GetMessagesBatchAsync(batch, sessionIds, new ChatMessageQuery(), cancellationToken).ConfigureAwait(false))
                {
                    outcomes.Add(outcome);
                }

                return outcomes;
            },
            CancellationToken.None);

    /// <summary>
    /// One session's read, running ahead into a channel while earlier sessions are emitted. It hands
    /// on what each request gave at once (a page), not message by message: a consumer faster than
    /// the reads would otherwise be woken, through the thread pool, once per message.
    /// </summary>
    private sealed class SessionRead(string sessionId)
    {
        private readonly Channel<List<MessageStreamItem>> channel = Channel.CreateUnbounded<List<MessageStreamItem>>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        public string SessionId => sessionId;

        public Task Completion { get; private set; } = Task.CompletedTask;

        public static SessionRead Start(ChatConnection connection, string sessionId, ChatMessageQuery query, CancellationToken cancellationToken)
        {
            var read = new SessionRead(sessionId);
            read.Completion = Task.Run(() => read.PumpAsync(connection, sessionId, query, cancellationToken), CancellationToken.None);
            return read;
        }

        /// <summary>The session's items in order, a page's worth at a time.</summary>
        public IAsyncEnumerable<List<MessageStreamItem>> ReadAllAsync(CancellationToken cancellationToken) =>
            channel.Reader.ReadAllAsync(cancellationToken);

        private async Task PumpAsync(ChatConnection connection, string sessionId, ChatMessageQuery query, CancellationToken cancellationToken)
        {
            var read = new List<MessageStreamItem>();
            try
            {
                await using var messages = connection.GetMessagesAsync(sessionId, query, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    var moved = messages.MoveNextAsync();
                    if (!moved.IsCompleted && read.Count > 0)
                    {
                        // The next message waits for another request: hand on what this one gave.
                        channel.Writer.TryWrite(read);
                        read = [];
                    }

                    if (!await moved.ConfigureAwait(false))
                    {
                        break;
                    }

                    read.Add(MessageStreamItem.Of(messages.Current));
                }
            }
            catch (ChatHistoryException error)
            {
                read.Add(MessageStreamItem.Failed(error));
            }
            catch (OperationCanceledException)
            {
                // Stopped by the consumer; nothing more to deliver.
            }
            finally
            {
                if (read.Count > 0)
                {
                    channel.Writer.TryWrite(read);
                }

                channel.Writer.TryComplete();
            }
        }
    }
}
