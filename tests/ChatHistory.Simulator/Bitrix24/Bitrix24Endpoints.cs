using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.Bitrix24;

/// <summary>
/// A Bitrix24 portal under <see cref="Prefix"/>: incoming webhooks at rest/{user}/{secret}/{method}.json,
/// OAuth calls at rest/{method} with auth=, the OAuth server at oauth/token/, the leaky bucket,
/// OPERATION_TIME_LIMIT on demand, and batch.
/// </summary>
public static class Bitrix24Endpoints
{
    public const string Prefix = "/bitrix24/";

    private const int MaxBatchCommands = 50;

    public static void Map(WebApplication app, Bitrix24State state)
    {
        app.MapMethods("/bitrix24/rest/{**path}", ["GET", "POST"], (string? path, HttpRequest request) => RestAsync(state, path ?? "", request));
        app.MapGet("/bitrix24/oauth/token", (HttpRequest request) => Token(state, request));
        // For tests that drive the standalone simulator (Pester): make every issued token run out.
        app.MapPost("/bitrix24/_sim/expire-tokens", () =>
        {
            state.ExpireAccessTokens();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> RestAsync(Bitrix24State state, string path, HttpRequest request)
    {
        var started = DateTimeOffset.UtcNow;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is not (1 or 3))
        {
            return Html(404);
        }

        var parameters = await Bitrix24Params.ReadAsync(request);
        var method = segments[^1];
        method = method.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? method[..^5] : method;
        if (Authenticate(state, segments, parameters) is { } refused)
        {
            return Reply(refused, started);
        }

        if (!state.Bucket.TryAdd(DateTimeOffset.UtcNow))
        {
            return Reply(Bitrix24Reply.Fail(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"), started);
        }

        if (state.TakeOperationLimit(out var resetAt))
        {
            return Reply(Bitrix24Reply.Fail(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit."), started, new(0, resetAt));
        }

        Operating? operating = null;
        if (state.Operating.Enabled)
        {
            var (allowed, used, releaseAt) = state.Operating.Charge(method, DateTimeOffset.UtcNow);
            operating = new(used, releaseAt);
            if (!allowed)
            {
                return Reply(Bitrix24Reply.Fail(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit."), started, operating);
            }
        }

        return string.Equals(method, "batch", StringComparison.OrdinalIgnoreCase)
            ? Batch(state, parameters, started, operating)
            : Reply(Bitrix24Methods.Call(state, method, parameters), started, operating);
    }

    private static Bitrix24Reply? Authenticate(Bitrix24State state, string[] segments, JsonObject parameters)
    {
        if (segments.Length == 3)
        {
            var options = state.Options;
            return segments[0] == options.WebhookUserId.ToString(CultureInfo.InvariantCulture) && segments[1] == options.WebhookSecret
                ? null
                : Bitrix24Reply.Fail(401, "INVALID_CREDENTIALS", "Invalid request credentials");
        }

        return state.CheckAccessToken(parameters.Text("auth")) switch
        {
            TokenCheck.Valid => null,
            TokenCheck.Missing => Bitrix24Reply.Fail(401, "NO_AUTH_FOUND", "Wrong authorization data"),
            TokenCheck.Expired => Bitrix24Reply.Fail(401, "expired_token", "The access token provided has expired."),
            _ => Bitrix24Reply.Fail(401, "invalid_token", "The access token provided is invalid."),
        };
    }

    private static IResult Batch(Bitrix24State state, JsonObject parameters, DateTimeOffset started, Operating? operating)
    {
        var commands = parameters.Get("cmd") as JsonObject ?? new JsonObject();
        if (commands.Count > MaxBatchCommands)
        {
            return Reply(Bitrix24Reply.Fail(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded"), started);
        }

        var halt = parameters.Text("halt") is "1" or "true";
        var results = new JsonObject();
        var errors = new JsonObject();
        var totals = new JsonObject();
        var nexts = new JsonObject();
        var times = new JsonObject();
        foreach (var (key, value) in commands)
        {
            var (method, commandParameters) = Bitrix24Params.ParseCommand(Bitrix24Params.AsText(value) ?? "");
            var reply = string.Equals(method, "batch", StringComparison.OrdinalIgnoreCase)
                ? Bitrix24Reply.Fail(400, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage")
                : Bitrix24Methods.Call(state, method, commandParameters);
            times[key] = Time(started, null);
            if (reply.Failed)
            {
                errors[key] = new JsonObject { ["error"] = reply.Error, ["error_description"] = reply.Description };
                if (halt)
                {
                    break;
                }

                continue;
            }

            results[key] = reply.Result;
            if (reply.Total is { } total)
            {
                totals[key] = total;
            }

            if (reply.Next is { } next)
            {
                nexts[key] = next;
            }
        }

        // PHP sends an empty associative array as [].
        static JsonNode Php(JsonObject map) => map.Count == 0 ? new JsonArray() : map;
        var body = new JsonObject
        {
            ["result"] = new JsonObject
            {
                ["result"] = Php(results),
                ["result_error"] = Php(errors),
                ["result_total"] = Php(totals),
                ["result_next"] = Php(nexts),
                ["result_time"] = Php(times),
            },
            ["time"] = Time(started, operating),
        };
        return Json(body, 200);
    }

    private static IResult Token(Bitrix24State state, HttpRequest request)
    {
        var query = request.Query;
        if (query["grant_type"] != "refresh_token")
        {
            return Json(new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "grant_type must be refresh_token" }, 400);
        }

        if (query["client_id"] != state.Options.ClientId || query["client_secret"] != state.Options.ClientSecret)
        {
            return Json(new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Invalid client credentials" }, 401);
        }

        if (state.Refresh(query["refresh_token"]) is not { } tokens)
        {
            return Json(new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "Invalid refresh token" }, 400);
        }

        return Json(new JsonObject
        {
            ["access_token"] = tokens.AccessToken,
            ["expires"] = DateTimeOffset.UtcNow.Add(state.Options.TokenLifetime).ToUnixTimeSeconds(),
            ["expires_in"] = (int)state.Options.TokenLifetime.TotalSeconds,
            ["scope"] = "app",
            ["domain"] = "oauth.bitrix.info",
            ["server_endpoint"] = "https://oauth.bitrix.info/rest/",
            ["status"] = "L",
            ["client_endpoint"] = $"{request.Scheme}://{request.Host}/bitrix24/rest/",
            ["member_id"] = "simmember0000000000000000000001",
            ["user_id"] = state.Options.WebhookUserId,
            ["refresh_token"] = tokens.RefreshToken,
        }, 200);
    }

    private static IResult Reply(Bitrix24Reply reply, DateTimeOffset started, Operating? operating = null)
    {
        if (reply.Failed)
        {
            var error = new JsonObject { ["error"] = reply.Error, ["error_description"] = reply.Description };
            if (operating is not null)
            {
                error["time"] = Time(started, operating);
            }

            return Json(error, reply.Status);
        }

        var body = new JsonObject { ["result"] = reply.Result };
        if (reply.Next is { } next)
        {
            body["next"] = next;
        }

        if (reply.Total is { } total)
        {
            body["total"] = total;
        }

        body["time"] = Time(started, operating);
        return Json(body, 200);
    }

    /// <summary>A method's use of its server-time budget, as the time block reports it.</summary>
    private sealed record Operating(double Seconds, DateTimeOffset ReleaseAt);

    /// <summary>The time block every answer carries; operating_reset_at is a unix time in seconds.</summary>
    private static JsonObject Time(DateTimeOffset started, Operating? operating)
    {
        var finished = DateTimeOffset.UtcNow;
        static double Unix(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;
        return new JsonObject
        {
            ["start"] = Unix(started),
            ["finish"] = Unix(finished),
            ["duration"] = (finished - started).TotalSeconds,
            ["processing"] = (finished - started).TotalSeconds,
            ["date_start"] = Bitrix24Data.Iso(started),
            ["date_finish"] = Bitrix24Data.Iso(finished),
            ["operating_reset_at"] = Unix(operating?.ReleaseAt ?? started.AddMinutes(10)),
            ["operating"] = operating?.Seconds ?? 0,
        };
    }

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // As PHP's json_encode with JSON_UNESCAPED_UNICODE: "+02:00" stays readable. Written to the
    // response as it is serialized: a batch answer made into one string first was over half a
    // megabyte of garbage, collected while the client under measurement waited.
    private static IResult Json(JsonNode body, int status) =>
        Results.Json(body, Unescaped, "application/json; charset=utf-8", status);

    private static IResult Html(int status) =>
        Results.Content("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>", "text/html", statusCode: status);
}
