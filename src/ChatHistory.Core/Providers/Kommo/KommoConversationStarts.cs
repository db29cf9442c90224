namespace ChatHistory.Providers.Kommo;

/// <summary>
/// When each conversation read to its very first message started, for this connection: a session
/// described later (Get-ChatSession after Get-ChatMessage) then has its StartedAt even when its
/// newest page is not the whole conversation. The oldest message does not change as new ones
/// arrive, so a start once seen stays true. Bounded: past <see cref="Capacity"/> the oldest entries go.
/// </summary>
internal sealed class KommoConversationStarts
{
    public const int Capacity = 100_000;

    private readonly object gate = new();
    private readonly Dictionary<string, DateTimeOffset> starts = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    public void Remember(string conversationId, DateTimeOffset startedAt)
    {
        lock (gate)
        {
            if (starts.TryAdd(conversationId, startedAt))
            {
                order.Enqueue(conversationId);
                if (order.Count > Capacity)
                {
                    starts.Remove(order.Dequeue());
                }
            }
            else if (startedAt < starts[conversationId])
            {
                starts[conversationId] = startedAt;
            }
        }
    }

    public DateTimeOffset? Find(string conversationId)
    {
        lock (gate)
        {
            return starts.TryGetValue(conversationId, out var startedAt) ? startedAt : null;
        }
    }
}
