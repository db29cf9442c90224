using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatHistory.Simulator;

namespace ChatHistory.Bench.Limits;

/// <summary>
/// The module's request plan for Bitrix24 without the module: listing pages of 200, and a batch of
/// 50 histories sent as soon as its sessions are listed, at most 4 at a time, each answer parsed
/// into a JsonDocument and its messages counted. Against the same bound, it shows what the plan
/// costs a bare HttpClient, so that the module's ratio can be told from the bound's reach.
/// </summary>
public static class BareBitrix24
{
    private const int PageSize = 200;
    private const int BatchSize = 50;

    /// <summary>A first request on the client's connection, as connecting makes one for the module.</summary>
    public static async Task WarmAsync(SimulatorHost host, HttpClient client, CancellationToken cancellationToken) =>
        await PostAsync(client, DemoCredentials.Bitrix24WebhookUrl(host) + "imopenlines.v2.Session.list.json", new JsonObject { ["limit"] = 1 }, cancellationToken);

    public static async Task<(int Messages, TimeSpan Elapsed)> ReadAsync(SimulatorHost host, HttpClient client, int concurrency, CancellationToken cancellationToken)
    {
        var webhook = DemoCredentials.Bitrix24WebhookUrl(host);
        var started = Stopwatch.GetTimestamp();
        using var lanes = new SemaphoreSlim(concurrency);
        var batches = new List<Task<int>>();
        var listed = new List<string>();
        for (var offset = 0; ;)
        {
            var page = await PostAsync(client, webhook + "imopenlines.v2.Session.list.json", new JsonObject { ["offset"] = offset, ["limit"] = PageSize }, cancellationToken);
            using var document = JsonDocument.Parse(page);
            var result = document.RootElement.GetProperty("result");
            var rows = result.GetProperty("sessions");
            foreach (var row in rows.EnumerateArray())
            {
                listed.Add(row.GetProperty("id").ToString());
                if (listed.Count == BatchSize)
                {
                    batches.Add(BatchAsync(listed));
                    listed = [];
                }
            }

            offset += rows.GetArrayLength();
            if (rows.GetArrayLength() == 0 || !result.GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }
        }

        if (listed.Count > 0)
        {
            batches.Add(BatchAsync(listed));
        }

        var messages = (await Task.WhenAll(batches)).Sum();
        return (messages, Stopwatch.GetElapsedTime(started));

        async Task<int> BatchAsync(List<string> sessionIds)
        {
            var commands = new JsonObject();
            for (var i = 0; i < sessionIds.Count; i++)
            {
                commands["s" + i] = "imopenlines.session.history.get?SESSION_ID=" + sessionIds[i];
            }

            byte[] answer;
            await lanes.WaitAsync(cancellationToken);
            try
            {
                answer = await PostAsync(client, webhook + "batch.json", new JsonObject { ["halt"] = 0, ["cmd"] = commands }, cancellationToken);
            }
            finally
            {
                lanes.Release();
            }

            using var document = JsonDocument.Parse(answer);
            var count = 0;
            foreach (var history in document.RootElement.GetProperty("result").GetProperty("result").EnumerateObject())
            {
                var messages = history.Value.GetProperty("message");
                count += messages.ValueKind == JsonValueKind.Array ? messages.GetArrayLength() : messages.EnumerateObject().Count();
            }

            return count;
        }
    }

    private static async Task<byte[]> PostAsync(HttpClient client, string url, JsonNode parameters, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(url, JsonContent.Create(parameters), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }
}
