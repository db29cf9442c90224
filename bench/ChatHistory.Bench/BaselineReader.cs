using System.Globalization;
using System.Text.Json;

namespace ChatHistory.Bench;

/// <summary>
/// The least a client can do: GET the same pages with a plain HttpClient and parse each with
/// JsonDocument, counting the messages. No retry, no rate limit, no logging, no mapping.
/// </summary>
public sealed class BaselineReader(HttpClient client, Uri apiRoot, int pageSize)
{
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
            using var response = await client.GetAsync(url, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var page = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var items = page.RootElement.GetProperty("messages").GetArrayLength();
            read += items;
            offset += items;
            if (items == 0 || offset >= page.RootElement.GetProperty("total").GetInt32())
            {
                return read;
            }
        }
    }
}
