using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.Kommo;

/// <summary>
/// amojo's history method and the API v4 call that lists a contact's chats, under
/// <see cref="Prefix"/> (amojo) and <see cref="AccountPrefix"/> (the account's API v4).
/// </summary>
public static class KommoEndpoints
{
    public const string Prefix = "/kommo/";

    public const string AccountPrefix = "/kommo/account/";

    private const int MaxLimit = 50;

    public static void Map(WebApplication app, KommoState state)
    {
        var amojo = app.MapGroup("/kommo/v2/origin/custom").AddEndpointFilter(async (context, next) =>
        {
            if (!state.RateLimit.TryEnter(DateTimeOffset.UtcNow))
            {
                // The limit's answer is 429 with no Retry-After; the body's shape is amojo's error shape, a guess.
                return AmojoError(429, "TooManyRequests", "Too many requests");
            }

            var failure = await KommoSignatureCheck.FailureAsync(context.HttpContext, state.Options, DateTimeOffset.UtcNow);
            return failure is null ? await next(context) : AmojoError(403, "Forbidden", failure);
        });
        amojo.MapGet("/{scopeId}/chats/{conversationId}/history",
            (string scopeId, string conversationId, HttpRequest request) => History(state, scopeId, conversationId, request));

        var account = app.MapGroup("/kommo/account/api/v4").AddEndpointFilter(async (context, next) =>
        {
            if (!state.RateLimit.TryEnter(DateTimeOffset.UtcNow))
            {
                return Problem(429, "Too Many Requests", "Too many requests");
            }

            var authorization = context.HttpContext.Request.Headers.Authorization.ToString();
            return authorization == "Bearer " + state.Options.AccessToken
                ? await next(context)
                : Problem(401, "Unauthorized", "Unauthorized: the access token is missing, invalid or expired");
        });
        account.MapGet("/account", () => Results.Json(new JsonObject
        {
            ["id"] = 30000001,
            ["name"] = "Simulated Kommo",
            ["subdomain"] = "sim",
            ["country"] = "US",
            ["currency"] = "USD",
            ["current_user_id"] = 5000001,
        }));
        account.MapGet("/contacts/chats", (HttpRequest request) => ContactChats(state, request));
    }

    private static IResult History(KommoState state, string scopeId, string conversationId, HttpRequest request)
    {
        if (scopeId != state.Options.ScopeId)
        {
            return AmojoError(404, "NotFound", "Scope not found");
        }

        var offset = int.TryParse(request.Query["offset"], out var o) ? o : 0;
        var limit = request.Query["limit"].Count == 0 ? MaxLimit : int.TryParse(request.Query["limit"], out var l) ? l : -1;
        if (offset < 0 || limit is < 1 or > MaxLimit)
        {
            return AmojoError(400, "BadRequest", $"offset must be 0 or more and limit between 1 and {MaxLimit}");
        }

        var conversation = state.Data.Find(conversationId);
        if (conversation is null)
        {
            return Results.NoContent();
        }

        var ownBase = $"{request.Scheme}://{request.Host}{Prefix}";
        var page = state.Data.NewestFirst(conversation).Skip(offset).Take(limit).Select(e => OnOwnHost(e.Json.DeepClone(), ownBase)).ToArray();
        if (state.Data.GrownWhilePaging(conversation) < state.Options.MessagesArrivingWhilePaging)
        {
            state.Data.AppendCustomerMessage(conversation);
        }

        return page.Length == 0 ? Results.NoContent() : Results.Json(new JsonObject { ["messages"] = new JsonArray(page) });
    }

    /// <summary>Media links keep amojo's path shape (/attachments/{id}/{name}) on the simulator's own amojo base, so that they can be downloaded.</summary>
    private static JsonNode OnOwnHost(JsonNode entry, string ownBase)
    {
        if (entry["message"] is JsonObject message)
        {
            foreach (var key in new[] { "media", "thumbnail" })
            {
                if ((string?)message[key] is { } link && link.StartsWith(KommoData.VendorMediaBase, StringComparison.Ordinal))
                {
                    message[key] = ownBase + link[KommoData.VendorMediaBase.Length..];
                }
            }
        }

        return entry;
    }

    private static IResult ContactChats(KommoState state, HttpRequest request)
    {
        if (!long.TryParse(request.Query["contact_id"], out var contactId))
        {
            return Problem(400, "Bad Request", "contact_id is required");
        }

        var chats = state.Data.OfContact(contactId)
            .Select(c => (JsonNode)new JsonObject { ["chat_id"] = c.Id, ["contact_id"] = c.ContactId, ["id"] = c.LinkId })
            .ToArray();
        return chats.Length == 0
            ? Results.NoContent()
            : Results.Json(new JsonObject
            {
                ["_total_items"] = chats.Length,
                ["_embedded"] = new JsonObject { ["chats"] = new JsonArray(chats) },
            });
    }

    private static IResult AmojoError(int status, string type, string description) =>
        Results.Json(new { error_code = status, error_type = type, error_description = description }, statusCode: status);

    private static IResult Problem(int status, string title, string detail) =>
        Results.Json(
            new { title, type = $"https://httpstatus.es/{status}", status, detail },
            statusCode: status,
            contentType: "application/problem+json");
}
