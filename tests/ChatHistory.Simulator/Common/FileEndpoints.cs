using System.Text.Json.Nodes;
using ChatHistory.Simulator.Bitrix24;

namespace ChatHistory.Simulator.Common;

/// <summary>
/// The attachment downloads of each platform, at the URLs their messages link to, with each
/// platform's own access check; /cdn/ stands for a host of no platform (public files); and the
/// /_sim/files control endpoints that tell a test what bytes to expect and add files with any name.
/// </summary>
public static class FileEndpoints
{
    public static void Map(WebApplication app, SimulatorState state, Func<SimulatorHost> host)
    {
        // Rocket.Chat answers 403 with an empty body when the caller may not read the file, 404 when
        // there is no such upload (apps/meteor/app/file-upload/server/lib/requests.ts); the caller is
        // known by the X-User-Id/X-Auth-Token headers or the rc_uid/rc_token cookies.
        app.MapGet("/rocketchat/file-upload/{id}/{**name}", (string id, HttpContext http) =>
        {
            var file = state.RocketChat.Data.Files.Find(id);
            if (file is null)
            {
                return Results.StatusCode(404);
            }

            var request = http.Request;
            var userId = request.Headers["X-User-Id"].FirstOrDefault() ?? request.Cookies["rc_uid"];
            var token = request.Headers["X-Auth-Token"].FirstOrDefault() ?? request.Cookies["rc_token"];
            if (!state.RocketChat.IsAuthorized(userId, token))
            {
                return Results.StatusCode(403);
            }

            return state.RocketChat.Data.StoredElsewhere.TryGetValue(id, out var signedUrl) ? Results.Redirect(signedUrl) : Serve(file);
        });

        // Bitrix24's disk download link. With OAuth the token rides as auth=; a webhook has no way to
        // send its secret along, so a request without auth= is served [guess, see docs/providers/bitrix24.md].
        app.MapGet("/bitrix24/bitrix/services/main/ajax.php", (HttpRequest request) =>
        {
            if (request.Query["action"] != "disk.api.file.download" || state.Bitrix24.Data.Files.Find(request.Query["fileId"].ToString()) is not { } file)
            {
                return Results.Json(new { status = "error", errors = new[] { new { message = "Could not find file", code = "DISK_FILE_NOT_FOUND" } } }, statusCode: 404);
            }

            if (request.Query.ContainsKey("auth"))
            {
                var check = state.Bitrix24.CheckAccessToken(request.Query["auth"].ToString());
                if (check != TokenCheck.Valid)
                {
                    var error = check == TokenCheck.Expired ? "expired_token" : "invalid_token";
                    return Results.Json(new { error, error_description = "The access token provided is invalid." }, statusCode: 401);
                }
            }

            return Serve(file);
        });

        // Kommo's media links on the amojo host; public [guess, see docs/providers/kommo.md].
        app.MapGet("/kommo/attachments/{id}/{**name}", (string id) =>
            state.Kommo.Data.Files.Find(id) is { } file ? Serve(file) : Results.StatusCode(404));

        // ?length=omit sends the body chunked, without Content-Length, as servers that compress or generate files do.
        app.MapGet("/cdn/{id}/{**name}", (string id, HttpRequest request) =>
            state.Cdn.Find(id) is { } file ? new FileResult(file, announceLength: request.Query["length"] != "omit") : Results.StatusCode(404));

        var control = app.MapGroup("/_sim/files");
        // The SHA-256 and size of the file an attachment URL names, so that a test can check the bytes it saved.
        control.MapGet("/sha256", (string url) => FileOf(state, url) is { } file
            ? Results.Json(new { file.Platform, file.Id, file.Name, file.Size, sha256 = file.Sha256() })
            : Results.NotFound());
        // Adds a Rocket.Chat message with files of any names (../../x, CON, ...) to a room; with
        // "foreign": true the files live on the simulator's second port, a host of no platform; with
        // "redirect": true the link is the server's own and answers with a redirect to that host.
        control.MapPost("/rocketchat", (JsonObject body) =>
        {
            var roomId = (string?)body["roomId"];
            var room = roomId is null ? state.RocketChat.Data.Rooms.FirstOrDefault(r => r.Messages.Count > 0) : state.RocketChat.Data.Find(roomId);
            if (room is null)
            {
                return Results.NotFound(new { error = $"no room {roomId}" });
            }

            var files = (body["files"] as JsonArray ?? [])
                .Select(f => ((string)f!["name"]!, (long?)f["size"] ?? 1024L))
                .ToList();
            var foreign = (bool?)body["foreign"] == true ? host().ForeignBaseUrl : null;
            var redirect = (bool?)body["redirect"] == true ? host().ForeignBaseUrl : null;
            var message = state.RocketChat.Data.AppendFiles(room, files, foreign, state.Cdn, redirect);
            return Results.Json(new { roomId = room.Id, messageId = message.Id });
        });
    }

    private static IResult Serve(SimulatedFile file) => new FileResult(file, announceLength: true);

    /// <summary>Finds the file behind a URL as a client saw it in a message.</summary>
    private static SimulatedFile? FileOf(SimulatorState state, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["rocketchat", "file-upload", var id, ..] => state.RocketChat.Data.Files.Find(id),
            ["kommo", "attachments", var id, ..] => state.Kommo.Data.Files.Find(id),
            ["cdn", var id, ..] => state.Cdn.Find(id),
            ["bitrix24", ..] => state.Bitrix24.Data.Files.Find(System.Web.HttpUtility.ParseQueryString(uri.Query)["fileId"] ?? string.Empty),
            _ => null,
        };
    }

    /// <summary>Streams the generated bytes with their length, as a file server would.</summary>
    private sealed class FileResult(SimulatedFile file, bool announceLength) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/octet-stream";
            if (announceLength)
            {
                response.ContentLength = file.Size;
            }

            response.Headers.ContentDisposition = "attachment; filename*=UTF-8''" + Uri.EscapeDataString(file.Name);
            await using var content = file.OpenRead();
            await content.CopyToAsync(response.Body, httpContext.RequestAborted);
        }
    }

}
