using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.SuperOffice;

/// <summary>
/// SuperOffice's WebAPI as the chat history needs it, under /superoffice/{tenant}/api/v1: the
/// ChatSession archive (OData with nextLink paging), a topic's sessions, a session's messages and
/// the current principal, with Basic, SOTicket + SO-AppToken and Bearer authentication.
/// </summary>
public static class SuperOfficeEndpoints
{
    public const string Prefix = "/superoffice/";

    public static string TenantPath(string tenant) => $"{Prefix}{tenant}/api/v1/";

    public static void Map(WebApplication app, SuperOfficeState state)
    {
        var api = app.MapGroup("/superoffice/{tenant}/api/v1").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var tenant = (string?)http.Request.RouteValues["tenant"];
            if (!string.Equals(tenant, state.Options.Tenant, StringComparison.OrdinalIgnoreCase))
            {
                // What a wrong online host answers: this host does not serve that customer.
                return Results.Content(
                    "<html><head><title>421 Misdirected Request</title></head><body><h1>Misdirected Request</h1></body></html>",
                    "text/html", statusCode: StatusCodes.Status421MisdirectedRequest);
            }

            state.SeenRequests.Enqueue(new SeenRequest(
                http.Request.Path.Value ?? "/",
                http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            var authorization = http.Request.Headers.Authorization.ToString();
            var caller = state.Identify(authorization, http.Request.Headers["SO-AppToken"].ToString());
            if (caller == SuperOfficeCaller.Nobody)
            {
                // Echoes what was presented, as some servers do, so that tests prove the client redacts it.
                return Error(StatusCodes.Status401Unauthorized, "SoAuthenticationException", $"Authentication failed for '{authorization}'.");
            }

            var chatEndpoint = !http.Request.Path.Value!.EndsWith("/User/currentPrincipal", StringComparison.OrdinalIgnoreCase);
            if (chatEndpoint && caller == SuperOfficeCaller.UserWithoutChat)
            {
                return Error(StatusCodes.Status403Forbidden, "SoAccessDeniedException", "The user has no access to Chat.");
            }

            return await next(context);
        });

        api.MapGet("/User/currentPrincipal", () => Results.Json(new JsonObject
        {
            ["UserType"] = "InternalAssociate",
            ["Associate"] = "SIMUSER",
            ["AssociateId"] = 11,
            ["FullName"] = "Simulated User",
            ["EMailAddress"] = "simuser@example.com",
        }));
        api.MapGet("/ChatSession", (HttpRequest request) => Listing(state, request, state.Data.Sessions));
        api.MapGet("/ChatTopic/{topicId:int}/Sessions", (int topicId, HttpRequest request) =>
            SuperOfficeData.Topics.Any(t => t.Id == topicId)
                ? Listing(state, request, state.Data.Sessions.Where(s => s.Topic.Id == topicId))
                : Error(StatusCodes.Status404NotFound, "SoNotFoundException", $"ChatTopic {topicId} not found."));
        api.MapGet("/ChatSession/{sessionId:int}/Messages", (int sessionId, HttpRequest request) => Messages(state, sessionId, request));
        // ChatTopic/ForCurrentUser and ChatTopic/UserAgents (SuperOfficeDocs docs/api/reference/restful/rest/ChatTopic):
        // the topics this user is a member of, and the chat users as MDO list items (flat=true).
        api.MapGet("/ChatTopic/ForCurrentUser", () => Results.Json(new JsonArray(SuperOfficeData.Topics.Select(t => (JsonNode)new JsonObject
        {
            ["ChatTopicId"] = t.Id,
            ["Name"] = t.Name,
            ["Description"] = $"{t.Name} chats",
            ["WelcomeMessage"] = "Welcome!",
            ["BotEnabled"] = false,
        }).ToArray())));
        api.MapGet("/ChatTopic/UserAgents", () => Results.Json(new JsonArray(SuperOfficeData.Agents.Select(a => (JsonNode)new JsonObject
        {
            ["Id"] = a.Id,
            ["Name"] = a.Name,
            ["ToolTip"] = "",
            ["Deleted"] = false,
            ["Rank"] = a.Id,
            ["Type"] = "chatuser",
            ["ChildItems"] = new JsonArray(),
            ["FullName"] = a.Name,
        }).ToArray())));
    }

    private static IResult Listing(SuperOfficeState state, HttpRequest request, IEnumerable<SuperOfficeSession> sessions)
    {
        var options = state.Options;
        if (Zone(request, options) is not { } zone)
        {
            return UnknownZone(request);
        }

        var query = request.Query;
        var select = Split(query["$select"]);
        if (select.Count == 0)
        {
            select = ArchiveRows.Columns.ToList();
        }

        // The archive refuses a column its provider does not have (e.g. agentId), rather than ignoring it.
        if (select.FirstOrDefault(column => !ArchiveRows.Columns.Contains(column, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return Error(StatusCodes.Status400BadRequest, "ArchiveColumnException", $"The column '{unknown}' is not supported by the archive provider ChatSession.");
        }

        IEnumerable<IReadOnlyDictionary<string, object?>> rows = sessions.Select(ArchiveRows.Values).ToList();
        try
        {
            if (query["$filter"].ToString() is { Length: > 0 } filter)
            {
                var predicate = ArchiveFilter.Parse(filter, ArchiveRows.Columns.ToHashSet(StringComparer.OrdinalIgnoreCase), zone.ParseLiteral);
                rows = rows.Where(predicate);
            }

            rows = Order(rows, query["$orderBy"].ToString() is { Length: > 0 } order ? order : query["$orderby"].ToString());
        }
        catch (FormatException exception)
        {
            return Error(StatusCodes.Status400BadRequest, "ArchiveRestrictionException", exception.Message);
        }

        var all = rows.ToList();
        var skip = int.TryParse(query["$skip"], out var s) && s > 0 ? s : 0;
        var requestedTop = int.TryParse(query["$top"], out var t) && t > 0 ? t : options.MaxTop;
        var top = Math.Min(requestedTop, options.MaxTop);
        var page = all.Skip(skip).Take(top).ToList();

        var body = new JsonObject { ["odata.metadata"] = $"{BaseOf(request)}$metadata#ChatSession" };
        if (options.NextLinks && skip + page.Count < all.Count)
        {
            body["odata.nextLink"] = NextLink(request, skip + page.Count);
        }

        body["value"] = new JsonArray(page.Select(row => (JsonNode)ArchiveRows.Render(row, select, zone)).ToArray());
        return Results.Json(body);
    }

    private static IResult Messages(SuperOfficeState state, int sessionId, HttpRequest request)
    {
        if (Zone(request, state.Options) is not { } zone)
        {
            return UnknownZone(request);
        }

        var session = state.Data.Find(sessionId);
        if (session is null)
        {
            return Error(StatusCodes.Status404NotFound, "SoNotFoundException", $"ChatSession {sessionId} not found.");
        }

        var after = long.TryParse(request.Query["after"], out var a) ? a : 0;
        var messages = session.Messages.Where(m => m.ChatMessageId > after).OrderBy(m => m.ChatMessageId).Select(m => (JsonNode)new JsonObject
        {
            ["ChatMessageId"] = m.ChatMessageId,
            ["ChatSessionId"] = m.ChatSessionId,
            ["Type"] = m.Type,
            ["Message"] = m.Message,
            ["Author"] = m.Author,
            ["ReadByCustomer"] = m.ReadByCustomer,
            ["SpecialType"] = m.SpecialType,
            ["SpecialParam"] = m.SpecialParam,
            ["WhenPosted"] = zone.Posted(m.WhenPosted, m.WithoutOffset),
        });
        return Results.Json(new JsonArray(messages.ToArray()));
    }

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Order(IEnumerable<IReadOnlyDictionary<string, object?>> rows, string orderBy)
    {
        IOrderedEnumerable<IReadOnlyDictionary<string, object?>>? ordered = null;
        foreach (var part in Split(orderBy))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var column = words[0];
            if (!ArchiveRows.Columns.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException($"Unknown column '{column}' in $orderBy.");
            }

            var descending = words.Length > 1 && words[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            Func<IReadOnlyDictionary<string, object?>, object?> key = row => row[column];
            ordered = (ordered, descending) switch
            {
                (null, false) => rows.OrderBy(key, ValueComparer.Instance),
                (null, true) => rows.OrderByDescending(key, ValueComparer.Instance),
                (_, false) => ordered.ThenBy(key, ValueComparer.Instance),
                _ => ordered.ThenByDescending(key, ValueComparer.Instance),
            };
        }

        return ordered ?? rows;
    }

    private static ResponseZone? Zone(HttpRequest request, SuperOfficeOptions options) =>
        ResponseZone.From(request.Headers["SO-TimeZone"].ToString(), options);

    private static IResult UnknownZone(HttpRequest request) =>
        Error(StatusCodes.Status400BadRequest, "SoTimeZoneException", $"Unknown time zone '{request.Headers["SO-TimeZone"]}'.");

    private static string BaseOf(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{TenantPath((string)request.RouteValues["tenant"]!)}";

    /// <summary>The same request with $skip moved on, as an absolute URL like the WebAPI writes it.</summary>
    private static string NextLink(HttpRequest request, int skip)
    {
        var parameters = request.Query
            .Where(p => !p.Key.Equals("$skip", StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}")
            .Append("$skip=" + skip.ToString(CultureInfo.InvariantCulture));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join("&", parameters)}";
    }

    private static List<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static IResult Error(int status, string type, string message) =>
        Results.Json(new JsonObject { ["Error"] = message, ["ErrorType"] = type, ["ErrorSource"] = "SuperOffice.WebApi" }, statusCode: status);

    /// <summary>Numbers as numbers, dates as instants, text case-insensitively; empty values first.</summary>
    private sealed class ValueComparer : IComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
            (int a, int b) => a.CompareTo(b),
            _ => string.Compare(Convert.ToString(x, CultureInfo.InvariantCulture), Convert.ToString(y, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase),
        };
    }
}
