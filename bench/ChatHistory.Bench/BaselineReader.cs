using System.Globalization;
using System.Text.Json;

namespace ChatHistory.Bench;

/// <summary>
/// The least a client can do: GET the same pages and count their messages with a JsonDocument, no
/// mapping. <see cref="Plain"/> does it with a plain HttpClient (no retry, no rate limit, no
/// logging); other rows give their own way of getting one page.
/// </summary>
/// <param name="readPage">Gets one page and returns its message count and the room's total.</param>
public sealed class BaselineReader(Uri apiRoot, int pageSize, Func<Uri, CancellationToken, Task<(int Items, int Total)>> readPage)
{
    public static BaselineReader Plain(HttpClient client, Uri apiRoot, int pageSize) =>
        new(apiRoot, pageSize, async (url, cancellationToken) =>
        {
            using var response = await client.GetAsync(url, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var page = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return (page.RootElement.GetProperty("messages").GetArrayLength(), page.RootElement.GetProperty("total").GetInt32());
        });

    public async Task<int> ReadAllAsync(IReadOnlyList<string> roomIds, int concurrency)
    {
        var total = 0;
        await Parallel.ForEachAsync(roomIds, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (roomId, token) =>
        {
            var count = await ReadRoomAsync(roomId, token);
            Interlocked.Add(ref total, count);
        });
        return total;
    }

    private async Task<int> ReadRoomAsync(string roomId, CancellationToken cancellationToken)
    {
        var read = 0;
        for (var offset = 0; ; )
        {
            var url = new Uri(apiRoot, string.Create(CultureInfo.InvariantCulture,
                $"api/v1/livechat/{roomId}/messages?offset={offset}&count={pageSize}&sort=%7B%22ts%22%3A1%7D"));
            var (items, total) = await readPage(url, cancellationToken);
            read += items;
            offset += items;
            if (items == 0 || offset >= total)
            {
                return read;
            }
        }
    }
}
