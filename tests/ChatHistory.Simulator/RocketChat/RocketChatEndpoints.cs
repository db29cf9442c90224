using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.RocketChat;

/// <summary>Rocket.Chat's REST API as the livechat history needs it, under <see cref="Prefix"/>.</summary>
public static class RocketChatEndpoints
{
    public const string Prefix = "/rocketchat/";

    private const int MaxCount = 100;

    private const string CallerKey = "rocketchat-caller";

    public static void Map(WebApplication app, RocketChatState state)
    {
        var api = app.MapGroup("/rocketchat/api");
        api.MapGet("/info", () => Results.Json(new { version = "6.13.0", success = true }));
        api.MapGet("/v1/info", () => Results.Json(new { info = new { version = "6.13.0" }, success = true }));
        api.MapPost("/v1/login", (JsonObject body) => Login(state, body));

        var secured = api.MapGroup("/v1").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var userId = http.Request.Headers["X-User-Id"].ToString();
            var caller = state.Caller(userId, http.Request.Headers["X-Auth-Token"].ToString());
            http.Items[CallerKey] = caller;
            if (caller == RocketCaller.Nobody)
            {
                return Results.Json(new { status = "error", message = "You must be logged in to do this." }, statusCode: 401);
            }

            if (state.RateWindows.Enabled)
            {
                // One window per route pattern, as Rocket.Chat keys rateLimiterDictionary by route
                // (apps/meteor/app/api/server/api.ts): all rooms' messages share one.
                var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.ToString();
                var (allowed, remaining, reset) = state.RateWindows.Hit(userId + " " + route, DateTimeOffset.UtcNow);
                http.Response.Headers["X-RateLimit-Limit"] = state.RateWindows.Limit.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["X-RateLimit-Reset"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                if (!allowed)
                {
                    var wait = Math.Max(0, (int)Math.Ceiling((reset - DateTimeOffset.UtcNow).TotalSeconds));
                    return Results.Json(
                        new { success = false, error = $"Error, too many requests. Please slow down. You must wait {wait} seconds before trying this endpoint again. [error-too-many-requests]" },
                        statusCode: 429);
                }
            }

            return await next(context);
        });

        secured.MapGet("/me", (HttpContext http) => IsAgent(http)
            ? Results.Json(new { _id = state.Options.AgentUserId, username = RocketChatData.Agents[0].Username, name = RocketChatData.Agents[0].Name, success = true })
            : Results.Json(new { _id = state.Options.UserId, username = state.Options.Username, name = "Simulated Admin", success = true }));
        secured.MapGet("/rooms.info", (string? roomId, HttpContext http) => RoomInfo(state, roomId, http));
        RocketChatDirectory.Map(secured, IsAgent);
        secured.MapGet("/livechat/rooms", (HttpRequest request) => Rooms(state, request));
        secured.MapGet("/livechat/visitors.chatHistory/room/{roomId}/visitor/{visitorId}",
            (string roomId, string visitorId, HttpRequest request) => VisitorHistory(state, roomId, visitorId, request));
        secured.MapGet("/livechat/{roomId}/messages", (string roomId, HttpRequest request) => Messages(state, roomId, request));
    }

    private static bool IsAgent(HttpContext http) => http.Items[CallerKey] is RocketCaller.Agent;

    /// <summary>
    /// canAccessRoom for an agent without view-livechat-rooms: the rooms it serves
    /// (Rocket.Chat apps/meteor/app/livechat/server/startup: servedBy._id === userId).
    /// </summary>
    private static bool MayRead(HttpContext http, RocketRoom room) => !IsAgent(http) || room.AgentId == (string?)http.Request.Headers["X-User-Id"];

    private static IResult NotAllowed(string error) => Results.Json(new { success = false, error }, statusCode: 400);

    private static IResult Login(RocketChatState state, JsonObject body)
    {
        var user = (string?)body["user"] ?? (string?)body["username"];
        var password = (string?)body["password"];
        if (user != state.Options.Username || password != state.Options.Password)
        {
            return Results.Json(new { status = "error", error = "Unauthorized", message = "Unauthorized" }, statusCode: 401);
        }

        var token = "login-" + Guid.NewGuid().ToString("N");
        state.LoginTokens[token] = state.Options.UserId;
        return Results.Json(new
        {
            status = "success",
            data = new { authToken = token, userId = state.Options.UserId, me = new { _id = state.Options.UserId, username = user } },
        });
    }

    private static IResult Rooms(RocketChatState state, HttpRequest request)
    {
        var query = request.Query;
        IEnumerable<RocketRoom> rooms = state.Data.Rooms;
        var agents = query["agents[]"].Concat(query["agents"]).Where(a => !string.IsNullOrEmpty(a)).ToHashSet();
        // livechat/rooms (apps/meteor/app/livechat/imports/server/rest/rooms.ts): without view-livechat-rooms,
        // view-l-room allows only agents[] = the caller's own id; anything else is API.v1.unauthorized().
        if (IsAgent(request.HttpContext) && !(agents.Count == 1 && agents.Contains(state.Options.AgentUserId)))
        {
            return Results.Json(new { success = false, error = "unauthorized" }, statusCode: 403);
        }

        if (agents.Count > 0)
        {
            rooms = rooms.Where(r => agents.Contains(r.AgentId));
        }

        if (query["departmentId"].ToString() is { Length: > 0 } department)
        {
            rooms = rooms.Where(r => r.DepartmentId == department);
        }

        if (query["open"].ToString() is { Length: > 0 } open)
        {
            var wantOpen = bool.Parse(open);
            rooms = rooms.Where(r => (r.ClosedAt is null) == wantOpen);
        }

        var tags = query["tags[]"].Concat(query["tags"]).Where(t => !string.IsNullOrEmpty(t)).ToHashSet();
        if (tags.Count > 0)
        {
            rooms = rooms.Where(r => r.Tags.Any(tags.Contains));
        }

        if (DateRange(query["createdAt"]) is var (createdStart, createdEnd))
        {
            rooms = rooms.Where(r => (createdStart is null || r.CreatedAt >= createdStart) && (createdEnd is null || r.CreatedAt <= createdEnd));
        }

        if (DateRange(query["closedAt"]) is var (closedStart, closedEnd))
        {
            rooms = rooms.Where(r => r.ClosedAt is { } closed && (closedStart is null || closed >= closedStart) && (closedEnd is null || closed <= closedEnd));
        }

        var ascending = SortAscending(query["sort"], defaultAscending: false);
        var ordered = (ascending ? rooms.OrderBy(r => r.CreatedAt) : rooms.OrderByDescending(r => r.CreatedAt)).ThenBy(r => r.Id).ToList();
        var (offset, count) = Paging(request);
        var page = ordered.Skip(offset).Take(count).Select(r => r.Json.DeepClone()).ToArray();
        return Results.Json(new JsonObject
        {
            ["rooms"] = new JsonArray(page),
            ["count"] = page.Length,
            ["offset"] = offset,
            ["total"] = ordered.Count,
            ["success"] = true,
        });
    }

    private static IResult RoomInfo(RocketChatState state, string? roomId, HttpContext http)
    {
        var room = roomId is null ? null : state.Data.Find(roomId);
        if (room is not null && !MayRead(http, room))
        {
            return NotAllowed("not-allowed");
        }

        return room is null
            ? Results.Json(new { success = false, error = "The required \"roomId\" or \"roomName\" param provided does not match any channel [error-room-not-found]" }, statusCode: 400)
            : Results.Json(new JsonObject { ["room"] = room.Json.DeepClone(), ["success"] = true });
    }

    private static IResult VisitorHistory(RocketChatState state, string roomId, string visitorId, HttpRequest request)
    {
        var room = state.Data.Find(roomId);
        if (room is null)
        {
            return Results.Json(new { success = false, error = "invalid-room" }, statusCode: 400);
        }

        if (!MayRead(request.HttpContext, room))
        {
            // findChatHistory (apps/meteor/app/livechat/server/api/lib/visitors): error-not-allowed.
            return NotAllowed("error-not-allowed");
        }

        var history = state.Data.Rooms.Where(r => r.VisitorId == visitorId).OrderByDescending(r => r.CreatedAt).ToList();
        var (offset, count) = Paging(request);
        var page = history.Skip(offset).Take(count).Select(r => r.Json.DeepClone()).ToArray();
        return Results.Json(new JsonObject
        {
            ["history"] = new JsonArray(page),
            ["count"] = page.Length,
            ["offset"] = offset,
            ["total"] = history.Count,
            ["success"] = true,
        });
    }

    private static IResult Messages(RocketChatState state, string roomId, HttpRequest request)
    {
        var room = state.Data.Find(roomId);
        if (room is null)
        {
            return Results.Json(new { success = false, error = "invalid-room" }, statusCode: 400);
        }

        if (!MayRead(request.HttpContext, room))
        {
            // livechat/:rid/messages: throw new Error('not-allowed') when canAccessRoom fails.
            return NotAllowed("not-allowed");
        }

        // This endpoint returns what users wrote plus the closing message, no other system events.
        var visible = state.Data.Snapshot(room).Where(m => m.Json["t"] is null || (string?)m.Json["t"] == "livechat-close");
        var ascending = SortAscending(request.Query["sort"], defaultAscending: false);
        var ordered = (ascending ? visible.OrderBy(m => m.Timestamp) : visible.OrderByDescending(m => m.Timestamp)).ToList();
        var (offset, count) = Paging(request);
        var page = ordered.Skip(offset).Take(count).Select(m => m.Json.DeepClone()).ToArray();
        if (state.Options.GrowRoomsWhilePaging)
        {
            state.Data.AppendVisitorMessage(room);
        }

        return Results.Json(new JsonObject
        {
            ["messages"] = new JsonArray(page),
            ["offset"] = offset,
            ["count"] = page.Length,
            ["total"] = ordered.Count,
            ["success"] = true,
        });
    }

    private static (int Offset, int Count) Paging(HttpRequest request)
    {
        var offset = int.TryParse(request.Query["offset"], out var o) && o > 0 ? o : 0;
        var count = int.TryParse(request.Query["count"], out var c) && c > 0 ? Math.Min(c, MaxCount) : 50;
        return (offset, count);
    }

    private static bool SortAscending(string? sort, bool defaultAscending)
    {
        if (string.IsNullOrEmpty(sort))
        {
            return defaultAscending;
        }

        using var document = JsonDocument.Parse(sort);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            return property.Value.GetInt32() > 0;
        }

        return defaultAscending;
    }

    private static (DateTimeOffset? Start, DateTimeOffset? End)? DateRange(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        DateTimeOffset? Read(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture)
                : null;
        return (Read("start"), Read("end"));
    }
}
