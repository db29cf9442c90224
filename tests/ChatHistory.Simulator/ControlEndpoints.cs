using ChatHistory.Simulator.Faults;

namespace ChatHistory.Simulator;

/// <summary>
/// /_sim: lets a test driving the standalone simulator over HTTP (the Pester tests) inject and
/// clear faults, count the requests it received, and add a message to a room.
/// </summary>
public static class ControlEndpoints
{
    public static void Map(WebApplication app, SimulatorState state, Func<SimulatorHost> host)
    {
        var group = app.MapGroup("/_sim");
        group.MapPost("/faults", (FaultRule rule) =>
        {
            state.Faults.Add(rule);
            return Results.Ok(new { added = rule.Kind.ToString() });
        });
        group.MapDelete("/faults", () =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        // How many requests went to paths under ?prefix= (e.g. /kommo/v2/), or to the platforms when
        // absent, so that a test in another process can count round trips, and the most requests the
        // simulator answered at the same time (to any path); DELETE starts over.
        group.MapGet("/requests", (string? prefix) => Results.Json(new
        {
            prefix,
            count = state.Requests.Count(prefix ?? "/") - (prefix is null ? state.Requests.Count("/_sim") : 0),
            mostAtOnce = state.Requests.MostAtOnce,
        }));
        // The requests under ?prefix= with the names (never the values) of their headers and query
        // parameters and the port they came to, so that a test can see that no credential went to a foreign host.
        group.MapGet("/requests/log", (string? prefix) =>
            Results.Json(state.Requests.Requests.Where(r => r.Path.StartsWith(prefix ?? "/", StringComparison.OrdinalIgnoreCase))));
        group.MapDelete("/requests", () =>
        {
            state.Requests.Clear();
            return Results.NoContent();
        });
        // A visitor writes one more message in a Rocket.Chat room, so that a test in another process
        // can check what a second archive run picks up.
        group.MapPost("/rocketchat/rooms/{roomId}/messages", (string roomId) =>
        {
            if (state.RocketChat.Data.Find(roomId) is not { } room)
            {
                return Results.NotFound();
            }

            state.RocketChat.Data.AppendVisitorMessage(room);
            return Results.Ok(new { roomId, messages = state.RocketChat.Data.Snapshot(room).Count });
        });
        group.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        group.MapGet("/info", () => Results.Json(DemoCredentials.For(host())));
    }
}
