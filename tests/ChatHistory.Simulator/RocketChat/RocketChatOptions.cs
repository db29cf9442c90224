namespace ChatHistory.Simulator.RocketChat;

public sealed class RocketChatOptions
{
    public int Seed { get; init; } = 4711;

    public int RoomCount { get; init; } = 40;

    public int MaxMessagesPerRoom { get; init; } = 60;

    /// <summary>Calls allowed per route and user in one window; 0 turns the limiter off.</summary>
    public int RateLimitCalls { get; init; }

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Appends a message to a room each time a page of its messages is read.</summary>
    public bool GrowRoomsWhilePaging { get; init; }

    public string UserId { get; init; } = "simAdminUserId01";

    public string AuthToken { get; init; } = "sim-rocketchat-personal-access-token";

    public string Username { get; init; } = "admin";

    public string Password { get; init; } = "sim-rocketchat-password";

    /// <summary>An agent (alice) with view-l-room but without view-livechat-rooms: her own rooms only.</summary>
    public string AgentUserId { get; init; } = RocketChatData.Agents[0].Id;

    public string AgentAuthToken { get; init; } = "sim-rocketchat-agent-personal-access-token";
}
