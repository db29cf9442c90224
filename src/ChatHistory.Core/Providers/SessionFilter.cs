using ChatHistory.Model;

namespace ChatHistory.Providers;

/// <summary>
/// The client-side half of a session query: whatever a provider could not filter on the server
/// is checked here, so that every provider honours every filter the same way.
/// </summary>
public static class SessionFilter
{
    public static bool Accepts(ChatSessionQuery query, ChatSession session)
    {
        if (query.Since is { } since && session.StartedAt is { } started && started < since)
        {
            return false;
        }

        if (query.Until is { } until && session.StartedAt is { } start && start >= until)
        {
            return false;
        }

        if (query.Status == ChatSessionStatus.Open && IsClosed(session))
        {
            return false;
        }

        if (query.Status == ChatSessionStatus.Closed && !IsClosed(session))
        {
            return false;
        }

        if (query.AgentIds.Count > 0 && !query.AgentIds.Any(agent => TextPattern.MatchesAny(agent, session.AgentId, session.AgentName)))
        {
            return false;
        }

        if (query.Channel is not null && !string.Equals(query.Channel, session.Channel, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (query.Tags.Count > 0 && !query.Tags.Any(tag => TextPattern.MatchesAny(tag, session.Tags)))
        {
            return false;
        }

        if (query.Source is not null && !string.Equals(query.Source, session.Source, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return query.VisitorId is null || string.Equals(query.VisitorId, session.VisitorId, StringComparison.Ordinal);
    }

    /// <summary>Closed when it has ended or the provider's status says so.</summary>
    public static bool IsClosed(ChatSession session) =>
        session.EndedAt is not null || string.Equals(session.Status, ChatSessionStatusWords.Closed, StringComparison.OrdinalIgnoreCase);
}
