using System.Collections.Concurrent;

namespace ChatHistory.Simulator.RocketChat;

/// <summary>The Rocket.Chat side of the simulator: options, data, issued login tokens, rate windows.</summary>
public sealed class RocketChatState(RocketChatOptions options)
{
    public RocketChatOptions Options { get; } = options;

    public RocketChatData Data { get; } = new(options);

    /// <summary>Tokens handed out by /login, beside the personal access token.</summary>
    public ConcurrentDictionary<string, string> LoginTokens { get; } = new();

    public RateWindows RateWindows { get; } = new(options.RateLimitCalls, options.RateLimitWindow);

    public bool IsAuthorized(string? userId, string? token) =>
        userId == Options.UserId && token is not null
        && (token == Options.AuthToken || (LoginTokens.TryGetValue(token, out var owner) && owner == userId));
}

/// <summary>Rocket.Chat's limiter: a fixed number of calls per route and user in each window.</summary>
public sealed class RateWindows(int calls, TimeSpan window)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Used)> windows = new();
    private int refused;

    public bool Enabled => calls > 0;

    /// <summary>Calls answered 429 so far: a client that follows the headers causes none.</summary>
    public int Refused => Volatile.Read(ref refused);

    public int Limit => calls;

    /// <summary>Counts one call; returns the calls left and when the window resets.</summary>
    public (bool Allowed, int Remaining, DateTimeOffset Reset) Hit(string key, DateTimeOffset now)
    {
        var state = windows.AddOrUpdate(
            key,
            _ => (now, 1),
            (_, current) => now - current.Start >= window ? (now, 1) : (current.Start, current.Used + 1));
        var allowed = state.Used <= calls;
        if (!allowed)
        {
            Interlocked.Increment(ref refused);
        }

        return (allowed, Math.Max(0, calls - state.Used), state.Start + window);
    }
}
