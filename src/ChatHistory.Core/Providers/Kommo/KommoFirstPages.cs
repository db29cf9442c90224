using ChatHistory.Model;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// The newest page of a conversation that Get-ChatSession read to describe it, kept briefly so that
/// Get-ChatMessage, which usually follows in the same pipeline, starts from it instead of asking
/// amojo for the same page again. A page is used once, only while it is fresh, and only a bounded
/// number are kept: a session listed but never read costs memory for a short while only.
/// </summary>
internal sealed class KommoFirstPages(TimeProvider time)
{
    public const int Capacity = 64;

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly object gate = new();
    private readonly Dictionary<string, (IReadOnlyList<ChatMessage> Entries, int Limit, DateTimeOffset ReadAt)> pages = new(StringComparer.Ordinal);

    /// <param name="entries">The page's messages, newest first, as amojo gave them.</param>
    /// <param name="limit">The limit the page was read with: fewer entries than that means it is the whole history.</param>
    public void Put(string conversationId, IReadOnlyList<ChatMessage> entries, int limit)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            pages[conversationId] = (entries, limit, now);
            foreach (var stale in pages.Where(page => now - page.Value.ReadAt > MaxAge).Select(page => page.Key).ToList())
            {
                pages.Remove(stale);
            }

            if (pages.Count > Capacity)
            {
                pages.Remove(pages.MinBy(page => page.Value.ReadAt).Key);
            }
        }
    }

    /// <summary>The page kept for the conversation, if it is still fresh; it is handed out once.</summary>
    public bool TryTake(string conversationId, out IReadOnlyList<ChatMessage> entries, out int limit)
    {
        lock (gate)
        {
            if (pages.Remove(conversationId, out var page) && time.GetUtcNow() - page.ReadAt <= MaxAge)
            {
                (entries, limit) = (page.Entries, page.Limit);
                return true;
            }
        }

        (entries, limit) = ([], 0);
        return false;
    }
}
