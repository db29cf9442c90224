using System.Globalization;
using ChatHistory.Http;
using ChatHistory.Model;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// The OData options of a ChatSession listing: $select, $filter, $orderBy, $top and $skip. The
/// archive's date operators compare calendar dates in the server's zone with a granularity the
/// vendor does not document, so the server window is one day wider on each side and the exact
/// bounds are applied client-side.
/// </summary>
public static class ChatSessionODataQuery
{
    public const string OrderBy = ChatSessionColumns.WhenRequested + " asc," + ChatSessionColumns.SessionId + " asc";

    public static string Build(string? filter, int top, int skip) =>
        new QueryString()
            .Add("$select", string.Join(",", ChatSessionColumns.Selected))
            .Add("$filter", filter)
            .Add("$orderBy", OrderBy)
            .Add("$top", top.ToString(CultureInfo.InvariantCulture))
            .Add("$skip", skip.ToString(CultureInfo.InvariantCulture))
            .ToString();

    /// <summary>The $filter for a listing; null when nothing narrows it.</summary>
    /// <param name="topicByName">The chat topic name to filter on, when the topic is not already the path.</param>
    /// <param name="contactId">A SuperOffice contact (company) id.</param>
    public static string? Filter(ChatSessionQuery query, ArchiveClock clock, string? topicByName, string? contactId)
    {
        var terms = new List<string>();
        if (query.Since is { } since)
        {
            terms.Add($"{ChatSessionColumns.WhenRequested} after '{clock.Day(since.AddDays(-1))}'");
        }

        if (query.Until is { } until)
        {
            terms.Add($"{ChatSessionColumns.WhenRequested} before '{clock.Day(until.AddDays(1))}'");
        }

        var statuses = query.Status switch
        {
            ChatSessionStatus.Open => ChatSessionColumns.OpenStatuses,
            ChatSessionStatus.Closed => ChatSessionColumns.ClosedStatuses,
            _ => [],
        };
        AddAny(terms, ChatSessionColumns.Status, statuses.Select(Quote));
        // Associate ids go to the server; names and wildcards are matched on the client.
        AddAny(terms, ChatSessionColumns.AgentId, TextPattern.ServerIds(query.AgentIds, IsAssociateId));
        if (topicByName is not null)
        {
            terms.Add($"{ChatSessionColumns.TopicName} eq {Quote(topicByName)}");
        }

        if (query.VisitorId is not null)
        {
            terms.Add($"{ChatSessionColumns.PersonId} eq {query.VisitorId}");
        }

        if (contactId is not null)
        {
            terms.Add($"{ChatSessionColumns.ContactId} eq {contactId}");
        }

        return terms.Count == 0 ? null : string.Join(" and ", terms);
    }

    private static bool IsAssociateId(string value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public static string ById(string sessionId) => $"{ChatSessionColumns.SessionId} eq {sessionId}";

    /// <summary>A string literal; the archive escapes a quote with a backslash.</summary>
    public static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private static void AddAny(List<string> terms, string column, IEnumerable<string> values)
    {
        var alternatives = values.Select(value => $"{column} eq {value}").ToList();
        if (alternatives.Count == 1)
        {
            terms.Add(alternatives[0]);
        }
        else if (alternatives.Count > 1)
        {
            terms.Add("(" + string.Join(" or ", alternatives) + ")");
        }
    }
}
