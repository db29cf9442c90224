namespace ChatHistory.Providers.RocketChat;

/// <summary>
/// The route a request counts against in Rocket.Chat's rate limiter, which keeps one window per
/// route pattern (apps/meteor/app/api/server/api.ts: rateLimiterDictionary[route]), not per URL:
/// every room's livechat/:rid/messages shares one window.
/// </summary>
internal static class RocketChatRoutes
{
    public static string Of(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var api = path.IndexOf("/api/", StringComparison.Ordinal);
        var segments = (api >= 0 ? path[(api + 1)..] : path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', segments.Select((segment, i) => IsId(segments, i) ? ":id" : segment));
    }

    // api/v1/livechat/{rid}/messages and api/v1/livechat/visitors.chatHistory/room/{rid}/visitor/{vid}
    private static bool IsId(string[] segments, int i) =>
        i > 0 && (segments[i - 1] is "room" or "visitor"
            || (segments[i - 1] == "livechat" && i + 1 < segments.Length && segments[i + 1] == "messages"));
}
