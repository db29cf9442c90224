using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatHistory.Providers.Kommo;
using ChatHistory.Security;
using ChatHistory.Simulator;

namespace ChatHistory.Bench.Limits;

/// <summary>
/// The page-after-page loop an admin writes for each platform: list the sessions, then read each
/// session's messages, one request at a time, counting messages. No batch, no concurrency.
/// </summary>
public static class NaiveLoops
{
    public static async Task<int> RocketChatAsync(SimulatorHost host, CancellationToken cancellationToken)
    {
        var options = host.State.RocketChat.Options;
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("X-User-Id", options.UserId);
        client.DefaultRequestHeaders.Add("X-Auth-Token", options.AuthToken);
        var http = new NaiveHttp(client);
        var api = new Uri(host.RocketChatUrl);
        var rooms = new List<string>();
        await PageAsync(http, offset => new Uri(api, $"api/v1/livechat/rooms?offset={offset}&count=100"), "rooms",
            room => rooms.Add(room.GetProperty("_id").GetString()!), cancellationToken);
        var messages = 0;
        foreach (var room in rooms)
        {
            messages += await PageAsync(http, offset => new Uri(api, $"api/v1/livechat/{room}/messages?offset={offset}&count=100&sort=%7B%22ts%22%3A1%7D"),
                "messages", _ => { }, cancellationToken);
        }

        return messages;
    }

    public static async Task<int> Bitrix24Async(SimulatorHost host, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var http = new NaiveHttp(client);
        var webhook = DemoCredentials.Bitrix24WebhookUrl(host);
        var sessions = new List<string>();
        for (var offset = 0; ; )
        {
            using var page = await PostAsync(http, webhook + "imopenlines.v2.Session.list.json", new { offset, limit = 50 }, cancellationToken);
            var result = page.RootElement.GetProperty("result");
            var rows = result.GetProperty("sessions");
            foreach (var row in rows.EnumerateArray())
            {
                sessions.Add(row.GetProperty("id").ToString());
            }

            offset += rows.GetArrayLength();
            if (rows.GetArrayLength() == 0 || !result.GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }
        }

        var messages = 0;
        foreach (var session in sessions)
        {
            using var history = await PostAsync(http, webhook + "imopenlines.session.history.get.json", new { SESSION_ID = session }, cancellationToken);
            var list = history.RootElement.GetProperty("result").GetProperty("message");
            messages += list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : list.EnumerateObject().Count();
        }

        return messages;
    }

    public static async Task<int> SuperOfficeAsync(SimulatorHost host, CancellationToken cancellationToken)
    {
        var options = host.State.SuperOffice.Options;
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.UserName}:{options.Password}")));
        var http = new NaiveHttp(client);
        var api = new Uri(host.SuperOfficeUrl);
        var sessions = new List<string>();
        for (Uri? next = new(api, "ChatSession?$select=chatSessionId&$top=200"); next is not null;)
        {
            var url = next;
            using var page = JsonDocument.Parse(await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken));
            foreach (var row in page.RootElement.GetProperty("value").EnumerateArray())
            {
                sessions.Add(row.GetProperty("chatSessionId").ToString());
            }

            next = page.RootElement.TryGetProperty("odata.nextLink", out var link) ? new Uri(link.GetString()!) : null;
        }

        var messages = 0;
        foreach (var session in sessions)
        {
            using var list = JsonDocument.Parse(await http.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Get, new Uri(api, $"ChatSession/{session}/Messages")), cancellationToken));
            messages += list.RootElement.GetArrayLength();
        }

        return messages;
    }

    /// <summary>Kommo has no session list: the loop is given the conversation ids, as the module is.</summary>
    public static async Task<int> KommoAsync(SimulatorHost host, IReadOnlyList<string> conversationIds, CancellationToken cancellationToken)
    {
        var options = host.State.Kommo.Options;
        using var client = new HttpClient(new KommoSigningHandler(new Secret(options.ChannelSecret), TimeProvider.System) { InnerHandler = new SocketsHttpHandler() });
        var http = new NaiveHttp(client);
        var scope = new Uri(host.KommoUrl + $"v2/origin/custom/{options.ScopeId}/");
        var messages = 0;
        foreach (var conversation in conversationIds)
        {
            for (var offset = 0; ; )
            {
                var url = new Uri(scope, $"chats/{conversation}/history?offset={offset.ToString(CultureInfo.InvariantCulture)}&limit=50");
                var body = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
                var count = 0;
                if (body.Length > 0)
                {
                    using var page = JsonDocument.Parse(body);
                    count = page.RootElement.GetProperty("messages").GetArrayLength();
                }

                messages += count;
                offset += count;
                if (count < 50)
                {
                    break;
                }
            }
        }

        return messages;
    }

    /// <summary>offset/count pages of one Rocket.Chat list until the total is reached; returns the items read.</summary>
    private static async Task<int> PageAsync(
        NaiveHttp http, Func<int, Uri> page, string array, Action<JsonElement> each, CancellationToken cancellationToken)
    {
        var read = 0;
        while (true)
        {
            var url = page(read);
            using var body = JsonDocument.Parse(await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken));
            var items = body.RootElement.GetProperty(array);
            foreach (var item in items.EnumerateArray())
            {
                each(item);
            }

            read += items.GetArrayLength();
            if (items.GetArrayLength() == 0 || read >= body.RootElement.GetProperty("total").GetInt32())
            {
                return read;
            }
        }
    }

    private static async Task<JsonDocument> PostAsync(NaiveHttp http, string url, object parameters, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(parameters) }, cancellationToken));
}
