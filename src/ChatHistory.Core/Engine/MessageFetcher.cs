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
            ? ReadAheadAsync(Groups(sessionIds, batch.MaxSessionsPerBatch), (ids, token) => BatchRead.Start(connection, batch, ids, queryFor, token), cancellationToken)
            : ReadAheadAsync(Groups(sessionIds, 1), (ids, token) => SessionRead.Start(connection, ids[0], queryFor(ids[0]), token), cancellationToken);

    /// <summary>
    /// Starts a read for each group of session ids as it arrives, up to the bound of reads in
    /// flight, while the oldest read streams out: the first message waits neither for the bound's
    /// worth of groups to be listed nor for later reads. A read's lane frees as soon as its
    /// requests are done, not when its messages have been emitted, so that one long session does
    /// not leave the others' lanes idle; reads done but not yet emitted are held to the bound once
    /// more, which keeps memory bounded when the consumer is the slow side.
    /// </summary>
    private async IAsyncEnumerable<MessageStreamItem> ReadAheadAsync(
        IAsyncEnumerable<List<string>> groups,
        Func<List<string>, CancellationToken, RunningRead> start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Not disposed: a read that ends after the consumer has gone still releases its lane, and
        // a SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.
        var lanes = new SemaphoreSlim(concurrency);
        var unemitted = new SemaphoreSlim(2 * concurrency);
        var started = Channel.CreateUnbounded<RunningRead>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var starting = StartReadsAsync(groups, start, lanes, unemitted, started.Writer, stop.Token);
        try
        {
            await foreach (var read in started.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await foreach (var item in read.EmitAsync(SessionCompleted, cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }

                unemitted.Release();
            }
        }
        finally
        {
            // The consumer may stop early (Select-Object -First): stop the reads still running.
            await stop.CancelAsync().ConfigureAwait(false);
            await starting.ConfigureAwait(false);
            while (started.Reader.TryRead(out var pending))
            {
                await pending.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static async Task StartReadsAsync(
        IAsyncEnumerable<List<string>> groups,
        Func<List<string>, CancellationToken, RunningRead> start,
        SemaphoreSlim lanes,
        SemaphoreSlim unemitted,
        ChannelWriter<RunningRead> started,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var group in groups.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await unemitted.WaitAsync(cancellationToken).ConfigureAwait(false);
                await lanes.WaitAsync(cancellationToken).ConfigureAwait(false);
                var read = start(group, cancellationToken);
                _ = read.Completion.ContinueWith(_ => lanes.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                started.TryWrite(read);
            }

            started.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            started.TryComplete();
        }
        catch (Exception failure)
        {
            // The input itself failed: the consumer sees it after the reads already started.
            started.TryComplete(failure);
        }
    }

    /// <summary>The ids in groups of <paramref name="size"/>, the last one smaller; a group goes as soon as it is full.</summary>
    private static async IAsyncEnumerable<List<string>> Groups(
        IAsyncEnumerable<string> sessionIds, int size, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var group = new List<string>(size);
        await foreach (var sessionId in sessionIds.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            group.Add(sessionId);
            if (group.Count == size)
            {
                yield return group;
                group = new List<string>(size);
            }
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>A read started ahead of its turn: what it emits in order, and its end.</summary>
    private abstract class RunningRead
    {
        public abstract Task Completion { get; }

        /// <summary>The read's items in order, reporting each session complete after its last item.</summary>
        public abstract IAsyncEnumerable<MessageStreamItem> EmitAsync(Action<string>? sessionCompleted, CancellationToken cancellationToken);
    }

    /// <summary>
    /// One session's read, running ahead into a channel. It hands on what each request gave at once
    /// (a page), not message by message: a consumer faster than the reads would otherwise be woken,
    /// through the thread pool, once per message.
    /// </summary>
    private sealed class SessionRead(string sessionId) : RunningRead
    {
        private readonly Channel<List<MessageStreamItem>> channel = Channel.CreateUnbounded<List<MessageStreamItem>>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        private Task completion = Task.CompletedTask;

        public override Task Completion => completion;

        public static SessionRead Start(ChatConnection connection, string sessionId, ChatMessageQuery query, CancellationToken cancellationToken)
        {
            var read = new SessionRead(sessionId);
            read.completion = Task.Run(() => read.PumpAsync(connection, query, cancellationToken), CancellationToken.None);
            return read;
        }

        public override async IAsyncEnumerable<MessageStreamItem> EmitAsync(
            Action<string>? sessionCompleted, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var items in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in items)
                {
                    yield return item;
                }
            }

            sessionCompleted?.Invoke(sessionId);
        }

        private async Task PumpAsync(ChatConnection connection, ChatMessageQuery query, CancellationToken cancellationToken)
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

    /// <summary>
    /// One batch's read. A batch shares one query; sessions with their own cursor filter their
    /// messages when they are emitted.
    /// </summary>
    private sealed class BatchRead(Task<List<SessionMessages>> outcomes, Func<string, ChatMessageQuery> queryFor) : RunningRead
    {
        public override Task Completion => outcomes;

        public static BatchRead Start(
            ChatConnection connection, IBatchMessageProvider batch, List<string> sessionIds, Func<string, ChatMessageQuery> queryFor, CancellationToken cancellationToken) =>
            new(Task.Run(
                async () =>
                {
                    var read = new List<SessionMessages>(sessionIds.Count);
                    await foreach (var outcome in connection.GetMessagesBatchAsync(batch, sessionIds, new ChatMessageQuery(), cancellationToken).ConfigureAwait(false))
                    {
                        read.Add(outcome);
                    }

                    return read;
                },
                CancellationToken.None),
                queryFor);

        public override async IAsyncEnumerable<MessageStreamItem> EmitAsync(
            Action<string>? sessionCompleted, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var outcome in await outcomes.ConfigureAwait(false))
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

                sessionCompleted?.Invoke(outcome.SessionId);
            }
        }
    }
}
