using ChatHistory.Connections;
using ChatHistory.Engine;
using ChatHistory.Providers;

namespace ChatHistory.Bench;

/// <summary>What Get-ChatMessage does: ChatConnection and MessageFetcher, mapping every message to a ChatMessage.</summary>
public sealed class PipelineReader(ChatConnection connection, int pageSize)
{
    public async Task<int> ReadAllAsync(IReadOnlyList<string> roomIds, int concurrency)
    {
        var count = 0;
        var fetcher = new MessageFetcher(connection, concurrency);
        await foreach (var item in fetcher.FetchAsync(roomIds.ToAsyncEnumerable(), _ => new ChatMessageQuery { PageSize = pageSize }, CancellationToken.None))
        {
            if (item.Error is not null)
            {
                throw item.Error;
            }

            count++;
        }

        return count;
    }

    /// <summary>The same reads one session after the other without MessageFetcher, to show what the fetcher adds.</summary>
    public async Task<int> ReadEachDirectlyAsync(IReadOnlyList<string> roomIds)
    {
        var count = 0;
        foreach (var roomId in roomIds)
        {
            await foreach (var _ in connection.GetMessagesAsync(roomId, new ChatMessageQuery { PageSize = pageSize }, CancellationToken.None))
            {
                count++;
            }
        }

        return count;
    }
}
