using System.Globalization;

namespace ChatHistory.Simulator.Faults;

/// <summary>Holds the fault rules and applies them as the first middleware.</summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private readonly List<RuleState> rules = [];

    public void Add(FaultRule rule)
    {
        lock (gate)
        {
            rules.Add(new RuleState(rule));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>How many faults have been injected so far.</summary>
    public int Injected
    {
        get
        {
            lock (gate)
            {
                return rules.Sum(r => r.Fired);
            }
        }
    }

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var rule = Pick(context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "");
        if (rule is null)
        {
            await next();
            return;
        }

        var response = context.Response;
        switch (rule.Kind)
        {
            case FaultKind.Latency:
                await Task.Delay(rule.Latency, context.RequestAborted);
                await next();
                break;
            case FaultKind.TooManyRequests:
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Limit"] = "10";
                response.Headers["X-RateLimit-Remaining"] = "0";
                response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(rule.RetryAfterSeconds)
                    .ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new { success = false, error = "Error, too many requests. Please slow down." });
                break;
            case FaultKind.ServiceUnavailable:
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new { success = false, error = "Service unavailable" });
                break;
            case FaultKind.DropConnection:
                context.Abort();
                break;
            case FaultKind.DropMidBody:
                await StartBody(response);
                context.Abort();
                break;
            case FaultKind.StallMidBody:
                await StartBody(response);
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            case FaultKind.MalformedJson:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json";
                await response.WriteAsync("{\"success\": true, \"messages\": [ {\"_id\": ");
                break;
            case FaultKind.HtmlErrorPage:
                response.StatusCode = StatusCodes.Status502BadGateway;
                response.ContentType = "text/html";
                await response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>");
                break;
            case FaultKind.InternalServerError:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
        }
    }

    private static async Task StartBody(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = 4096;
        await response.WriteAsync("{\"success\": true, \"messages\": [");
        await response.Body.FlushAsync();
    }

    private FaultRule? Pick(string path, string query)
    {
        lock (gate)
        {
            foreach (var state in rules)
            {
                if (state.Matches(path, query))
                {
                    return state.Rule;
                }
            }
        }

        return null;
    }

    private sealed class RuleState(FaultRule rule)
    {
        private int seen;

        public FaultRule Rule => rule;

        public int Fired { get; private set; }

        public bool Matches(string path, string query)
        {
            if (!path.StartsWith(rule.PathPrefix, StringComparison.OrdinalIgnoreCase) || Fired >= rule.Times
                || (rule.QueryContains is { } part && !query.Contains(part, StringComparison.Ordinal)))
            {
                return false;
            }

            seen++;
            if (seen % Math.Max(1, rule.Every) != 0)
            {
                return false;
            }

            Fired++;
            return true;
        }
    }
}
