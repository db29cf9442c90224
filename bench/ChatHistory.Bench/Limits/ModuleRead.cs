using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using ChatHistory.Connections;
using ChatHistory.Engine;
using ChatHistory.Providers;

namespace ChatHistory.Bench.Limits;

/// <summary>One read through the module: how many messages, how long, and when the first message and its session came.</summary>
/// <param name="FirstMessageSession">
/// When the listing handed on the session of the first message. That is not always the first
/// session: a session with no messages yields none.
/// </param>
public sealed record ModuleResult(int Messages, TimeSpan Elapsed, TimeSpan FirstMessageSession, TimeSpan FirstMessage);

/// <summary>
/// What Get-ChatSession | Get-ChatMessage does: the listing runs on its own and hands each session
/// id on as it arrives (the cmdlet enqueues piped ids into a channel), while MessageFetcher reads
/// the sessions' messages at the given concurrency.
/// </summary>
public static class ModuleRead
{
    public static async Task<ModuleResult> RunAsync(ChatConnection connection, ChatSessionQuery query, int concurrency, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var listedAt = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var ids = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var listing = Task.Run(async () =>
        {
            try
            {
                await foreach (var session in connection.GetSessionsAsync(query, cancellationToken))
                {
                    listedAt.TryAdd(session.SessionId, Stopwatch.GetElapsedTime(started));
                    ids.Writer.TryWrite(session.SessionId);
                }

                ids.Writer.TryComplete();
            }
            catch (Exception error)
            {
                ids.Writer.TryComplete(error);
            }
        }, CancellationToken.None);

        var messages = 0;
        var firstMessage = TimeSpan.Zero;
        var firstMessageSession = TimeSpan.Zero;
        var fetcher = new MessageFetcher(connection, concurrency);
        await foreach (var item in fetcher.FetchAsync(ids.Reader.ReadAllAsync(cancellationToken), _ => new ChatMessageQuery(), cancellationToken))
        {
            if (item.Error is not null)
            {
                throw item.Error;
            }

            if (messages++ == 0)
            {
                firstMessage = Stopwatch.GetElapsedTime(started);
                firstMessageSession = listedAt[item.Message!.SessionId];
            }
        }

        await listing;
        return new ModuleResult(messages, Stopwatch.GetElapsedTime(started), firstMessageSession, firstMessage);
    }
}
