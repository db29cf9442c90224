using ChatHistory.Diagnostics;
using ChatHistory.Model;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// Reads a conversation's history, which amojo serves newest first with offset paging, and hands
/// it back oldest first. A message that arrives while the pages are read pushes older ones to
/// higher offsets, so the next page repeats messages already read: those are dropped by id, and
/// the repeat is the sign that new messages sit at the top. Then the newest pages are read again
/// until one reaches messages already read, so that a read returns every message present when it
/// ends, each once.
/// </summary>
internal sealed class KommoHistoryReader(KommoAmojoClient amojo, KommoFirstPages firstPages, KommoConversationStarts starts, string connection)
{
    public const int MaxPageSize = 50;

    /// <summary>Pages read again at most to catch up with messages that kept arriving.</summary>
    public const int MaxCatchUpPages = 10;

    /// <summary>
    /// The whole (filtered) conversation, oldest first. The oldest message is on the last page, so
    /// nothing can be emitted before every page is read; a failure therefore yields nothing rather
    /// than the newest messages only, which would make an incremental cursor skip the older ones.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessage>> ReadAsync(string conversationId, ChatMessageQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize ?? MaxPageSize, 1, MaxPageSize);
        var newestFirst = new List<ChatMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cursorFound = query.After is null;
        var shifted = false;
        var done = false;
        var reachedFirstMessage = false;
        await using (var history = new KommoHistoryPages(amojo, conversationId, pageSize, connection, cancellationToken))
        {
            for (var offset = 0; !done;)
            {
                var (page, limit) = offset == 0 && firstPages.TryTake(conversationId, out var kept, out var keptLimit)
                    ? (kept, keptLimit)
                    : (await history.ReadAsync(offset, afterFullPage: offset > 0).ConfigureAwait(false), pageSize);
                offset += page.Count;
                done = reachedFirstMessage = page.Count < limit;
                var repeated = false;
                foreach (var message in page)
                {
                    if (!seen.Add(message.MessageId))
                    {
                        shifted = repeated = true;
                        continue;
                    }

                    if (message.MessageId == query.After)
                    {
                        // Everything further on is older than the cursor.
                        cursorFound = done = true;
                        reachedFirstMessage = false;
                        break;
                    }

                    if (query.Since is { } since && message.Timestamp < since)
                    {
                        // Older than the window: the pages after this one are older still.
                        done = true;
                        reachedFirstMessage = false;
                        continue;
                    }

                    newestFirst.Add(message);
                }

                if (done || repeated)
                {
                    await history.DropGuessAsync().ConfigureAwait(false);
                }
            }

            if (!cursorFound)
            {
                throw new ChatHistoryException(ChatErrorKind.NotFound, $"Message {query.After} given as -After is not in conversation {conversationId}.")
                {
                    SessionId = conversationId,
                    Hint = "Kommo message ids carry no order; pass a message id of this conversation, or use -Since with a time.",
                };
            }

            if (shifted)
            {
                newestFirst.InsertRange(0, await CatchUpAsync(history, conversationId, pageSize, seen).ConfigureAwait(false));
            }
        }

        if (reachedFirstMessage && newestFirst.Count > 0)
        {
            starts.Remember(conversationId, newestFirst.Min(message => message.Timestamp));
        }

        newestFirst.Reverse();
        // Stable: messages of the same millisecond keep the order amojo gave them.
        return newestFirst.OrderBy(message => message.Timestamp).ToList();
    }

    /// <summary>
    /// The messages that arrived while the conversation was read: the newest pages again, until a
    /// page reaches a message already read (everything older is known) or the history ends.
    /// </summary>
    private static async Task<List<ChatMessage>> CatchUpAsync(KommoHistoryPages history, string conversationId, int pageSize, HashSet<string> seen)
    {
        var arrived = new List<ChatMessage>();
        for (int offset = 0, pages = 0; ; pages++)
        {
            if (pages == MaxCatchUpPages)
            {
                ChatLog.Current.Warning(
                    $"Messages kept arriving in Kommo conversation {conversationId} while it was read; the newest of them come with the next read.");
                return arrived;
            }

            var page = await history.ReadCertainAsync(offset).ConfigureAwait(false);
            var reachedKnown = false;
            foreach (var message in page)
            {
                if (seen.Add(message.MessageId))
                {
                    arrived.Add(message);
                }
                else
                {
                    reachedKnown = true;
                }
            }

            if (reachedKnown || page.Count < pageSize)
            {
                return arrived;
            }

            offset += page.Count;
        }
    }

    /// <summary>One history page's entries as messages, newest first; none for an empty (204) page.</summary>
    public static IReadOnlyList<ChatMessage> Map(Http.JsonBody page, string conversationId, string connection) =>
        page.IsEmpty ? [] : page.Root.Items("messages").Select(entry => KommoMapper.MapMessage(entry, conversationId, connection)).ToList();
}
