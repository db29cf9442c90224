using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.RocketChat;

/// <summary>
/// The livechat lists a client completes filters from, in the vendor's shapes
/// (RocketChat/Rocket.Chat apps/meteor/app/livechat/imports/server/rest/departments.ts, users.ts,
/// ee/app/livechat-enterprise/server/api/tags.ts): {departments|users|tags, count, offset, total, success}.
/// Listing agents needs manage-livechat-agents, which the simulated agent lacks (403 unauthorized).
/// </summary>
public static class RocketChatDirectory
{
    private const int MaxCount = 100;

    public static void Map(RouteGroupBuilder secured, Func<HttpContext, bool> isAgent)
    {
        secured.MapGet("/livechat/department", (HttpRequest request) => Page(request, "departments",
            RocketChatData.Departments.Select((id, i) => new JsonObject
            {
                ["_id"] = id,
                ["name"] = RocketChatData.DepartmentNames[i],
                ["enabled"] = true,
                ["showOnRegistration"] = true,
                ["numAgents"] = 1,
            })));
        secured.MapGet("/livechat/users/agent", (HttpRequest request) => isAgent(request.HttpContext)
            ? Results.Json(new { success = false, error = "unauthorized" }, statusCode: 403)
            : Page(request, "users", RocketChatData.Agents.Select(agent => new JsonObject
            {
                ["_id"] = agent.Id,
                ["username"] = agent.Username,
                ["name"] = agent.Name,
                ["status"] = "online",
                ["statusLivechat"] = "available",
            })));
        secured.MapGet("/livechat/tags", (HttpRequest request) => Page(request, "tags",
            RocketChatData.TagList.Select((tag, i) => new JsonObject
            {
                ["_id"] = $"tag{i:D14}",
                ["name"] = tag.Name,
                ["description"] = tag.Description,
                ["departments"] = new JsonArray(),
            })));
    }

    private static IResult Page(HttpRequest request, string name, IEnumerable<JsonObject> items)
    {
        var all = items.ToList();
        var offset = int.TryParse(request.Query["offset"], out var o) && o > 0 ? o : 0;
        var count = int.TryParse(request.Query["count"], out var c) && c > 0 ? Math.Min(c, MaxCount) : 50;
        var page = all.Skip(offset).Take(count).Select(item => (JsonNode)item).ToArray();
        return Results.Json(new JsonObject
        {
            [name] = new JsonArray(page),
            ["count"] = page.Length,
            ["offset"] = offset,
            ["total"] = all.Count,
            ["success"] = true,
        });
    }
}
