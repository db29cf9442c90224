using ChatHistory.Simulator.Faults;

namespace ChatHistory.Simulator;

/// <summary>
/// /_sim: lets a test driving the standalone simulator over HTTP (the Pester tests) inject and
/// clear faults.
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
        // How many requests reached a path (all paths without ?prefix=), so that a test in another
        // process can see whether a reader stopped talking to the server.
        group.MapGet("/requests", (string? prefix) => Results.Ok(new { count = state.Requests.Count(prefix ?? "/") - (prefix is null ? state.Requests.Count("/_sim") : 0) }));
        group.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        group.MapGet("/info", () => Results.Json(DemoCredentials.For(host())));
    }
}
