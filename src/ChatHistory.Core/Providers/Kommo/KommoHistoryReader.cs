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
        // The page after the one being read, asked for on a guess once the history has shown itself long.
        Guess? next = null;
        try
        {
            for (var offset = 0; !done;)
            {
                IReadOnlyList<ChatMessage> page;
                var limit = pageSize;
                if (offset == 0 && firstPages.TryTake(conversationId, out var kept, out var keptLimit))
                {
                    (page, limit) = (kept, keptLimit);
                }
                else if (next is not null && await next.Page.ConfigureAwait(false) is { } guessed)
                {
                    page = guessed;
                    next = null;
                }
                else
                {
                    var reading = PageAsync(conversationId, offset, pageSize, cancellationToken);
                    // Past the first page the history is long: the page after this one is likely
                    // needed too, and asking for both at once saves a round trip.
                    next = offset > 0 ? new Guess(GuessPageAsync(conversationId, offset + pageSize, pageSize, cancellationToken)) : null;
                    page = await reading.ConfigureAwait(false);
                }

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

                if (next is not null && (done || repeated))
                {
                    // Not needed, or no longer where it was asked for: messages arrived before this
                    // page was served, and the guess may have been served before them, leaving a gap.
                    await next.Page.ConfigureAwait(false);
                    next = null;
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                await next.Page.ConfigureAwait(false);
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
            newestFirst.InsertRange(0, await CatchUpAsync(conversationId, pageSize, seen, cancellationToken).ConfigureAwait(false));
        }

        if (reachedFirstMessage && newestFirst.Count > 0)
        {
            starts.Remember(conversationId, newestFirst.Min(message => message.Timestamp));
        }

        newestFirst.Reverse();
        // Stable: messages of the same millisecond keep the order amojo gave them.
        return newestFirst.OrderBy(message => message.Timestamp).ToList();
    }

    /// <summary>A page asked for before it was known to be needed.</summary>
    private sealed record Guess(Task<IReadOnlyList<ChatMessage>?> Page);

    /// <summary>
    /// The messages that arrived while the conversation was read: the newest pages again, until a
    /// page reaches a message already read (everything older is known) or the history ends.
    /// </summary>
    private async Task<List<ChatMessage>> CatchUpAsync(string conversationId, int pageSize, HashSet<string> seen, CancellationToken cancellationToken)
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

            var page = await PageAsync(conversationId, offset, pageSize, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The page at <paramref name="offset"/> on a guess that it exists: null when the rate limit
    /// had no place free for it or it failed. Either way the page is then read for certain if it
    /// is needed, and that read reports any error.
    /// </summary>
    private async Task<IReadOnlyList<ChatMessage>?> GuessPageAsync(string conversationId, int offset, int limit, CancellationToken cancellationToken)
    {
        try
        {
            using var page = await amojo.ReadHistoryIfSpareAsync(conversationId, offset, limit, cancellationToken).ConfigureAwait(false);
            return page is null ? null : Map(page, conversationId, connection);
        }
        catch (Exception error) when (error is ChatHistoryException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<ChatMessage>> PageAsync(string conversationId, int offset, int limit, CancellationToken cancellationToken)
    {
        using var page = await amojo.ReadHistoryAsync(conversationId, offset, limit, cancellationToken).ConfigureAwait(false);
        return Map(page, conversationId, connection);
    }

    /// <summary>One history page's entries as messages, newest first; none for an empty (204) page.</summary>
    public static IReadOnlyList<ChatMessage> Map(Http.JsonBody page, string conversationId, string connection) =>
        page.IsEmpty ? [] : page.Root.Items("messages").Select(entry => KommoMapper.MapMessage(entry, conversationId, connection)).ToList();
}
