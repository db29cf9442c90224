namespace ChatHistory.Simulator.Kommo;

public sealed class KommoOptions
{
    public int Seed { get; init; } = 3003;

    public int ConversationCount { get; init; } = 12;

    /// <summary>Messages of every conversation but the first (empty) and the second (long), at most.</summary>
    public int MaxMessagesPerConversation { get; init; } = 40;

    /// <summary>Messages of the second conversation, enough for several pages of 50.</summary>
    public int LongConversationMessages { get; init; } = 120;

    /// <summary>Contacts that own the conversations, round-robin.</summary>
    public int ContactCount { get; init; } = 5;

    /// <summary>
    /// How many messages arrive in a conversation while it is read: one after each of the first that
    /// many page reads of it (amojo serves newest first by offset, so each one shifts older pages).
    /// </summary>
    public int MessagesArrivingWhilePaging { get; init; }

    /// <summary>{channel_id}_{amojo_account_id}.</summary>
    public string ScopeId { get; init; } = "5a1f0c3e-7d4b-4e8a-9c21-3b6d2f8e1a90_8c2e4f6a-1b3d-4c5e-9f7a-2d4b6c8e0f12";

    public string ChannelSecret { get; init; } = "sim-kommo-channel-secret-4d7e1f0a9b";

    public string AccessToken { get; init; } = "sim-kommo-api-v4-long-lived-token";

    /// <summary>Requests per second before amojo and API v4 answer 429 (see <see cref="KommoRateLimit"/>); 0 turns the limit off.</summary>
    public int RequestsPerSecond { get; init; }

    /// <summary>How far a request's Date may be from the simulator's clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);
}
