using ChatHistory.Model;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// Reads a conversation's history, which amojo serves newest first with offset paging, and hands
/// it back oldest first. Messages that arrive while paging push older ones to higher offsets, so a
/// page can repeat messages already read: they are dropped by message id.
/// </summary>
internal sealed class KommoHistoryReader(KommoAmojoClient amojo, string connection)
{
    public const int MaxPageSize = 50;

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
        var done = false;
        for (var offset = 0; !done;)
        {
            using var page = await amojo.ReadHistoryAsync(conversationId, offset, pageSize, cancellationToken).ConfigureAwait(false);
            var entries = page.IsEmpty ? [] : page.Root.Items("messages").ToList();
            offset += entries.Count;
            done = entries.Count < pageSize;
            foreach (var entry in entries)
            {
                var message = KommoMapper.MapMessage(entry, conversationId, connection);
                if (!seen.Add(message.MessageId))
                {
                    continue;
                }

                if (message.MessageId == query.After)
                {
                    // Everything further on is older than the cursor.
                    cursorFound = done = true;
                    break;
                }

                if (query.Since is { } since && message.Timestamp < since)
                {
                    // Older than the window: the pages after this one are older still.
                    done = true;
                    continue;
                }

                newestFirst.Add(message);
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

        newestFirst.Reverse();
        // Stable: messages of the same millisecond keep the order amojo gave them.
        return newestFirst.OrderBy(message => message.Timestamp).ToList();
    }
}
