using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatHistory.Diagnostics;
using ChatHistory.Model;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Lists sessions with imopenlines.v2.Session.list, ordered by creation time, offset/limit paging.
/// The server refuses offsets past 10,000 and date spans past 366 days, so the listing walks date
/// windows: a window ends at 366 days, and a full window restarts at the creation time of the last
/// row read (rows at that instant are read again and dropped). Portals without the v2 method list
/// through crm.activity.list instead.
/// </summary>
internal sealed class Bitrix24SessionLister(Bitrix24Client client, string connection)
{
    internal const int MaxPageSize = 200;
    internal const int MaxOffset = 10_000;
    internal static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    private bool? hasV2;

    public async IAsyncEnumerable<ChatSession> ListAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (hasV2 != false)
        {
            var sessions = ListV2Async(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool moved;
                    try
                    {
                        moved = await sessions.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (ChatHistoryException error) when (hasV2 is null && error.ProviderMessage?.StartsWith(Bitrix24Errors.MethodNotFound, StringComparison.Ordinal) == true)
                    {
                        hasV2 = false;
                        ChatLog.Current.Verbose("This portal has no imopenlines.v2.Session.list; listing sessions through crm.activity.list.");
                        break;
                    }

                    if (!moved)
                    {
                        yield break;
                    }

                    hasV2 = true;
                    yield return sessions.Current;
                }
            }
            finally
            {
                await sessions.DisposeAsync().ConfigureAwait(false);
            }
        }

        await foreach (var session in ListActivitiesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return session;
        }
    }

    private async IAsyncEnumerable<ChatSession> ListV2Async(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.PageSize ?? MaxPageSize, 1, MaxPageSize);
        var from = query.Since;
        var until = query.Until;
        // Rows read at the newest creation time so far: a window that restarts there reads them again.
        var boundary = (At: (DateTimeOffset?)null, Ids: new HashSet<string>(StringComparer.Ordinal));
        while (true)
        {
            var to = WindowEnd(from, until);
            var windowFrom = from;
            var offset = 0;
            var restart = false;
            while (true)
            {
                if (offset > MaxOffset)
                {
                    restart = true;
                    break;
                }

                ChatSession[] page;
                bool hasNextPage;
                try
                {
                    using var body = await client.CallAsync(
                        "imopenlines.v2.Session.list", ListParameters(query, windowFrom, to, offset, limit), "the list of sessions", cancellationToken).ConfigureAwait(false);
                    var result = body.Root.Obj("result");
                    // Mapped while the body is open: a session keeps no reference into it, so no row needs a copy.
                    page = result?.Items("sessions").Select(row => Bitrix24Mapper.MapSession(row, connection)).ToArray() ?? [];
                    hasNextPage = result?.Bool("hasNextPage") == true;
                }
                catch (ChatHistoryException error) when (offset > 0 && error.ProviderMessage?.StartsWith(Bitrix24Errors.OffsetTooLarge, StringComparison.Ordinal) == true)
                {
                    // The server's cap is lower than documented: restart the window where the rows got to.
                    restart = true;
                    break;
                }

                foreach (var session in page)
                {
                    if (session.StartedAt is { } started)
                    {
                        if (boundary.At == started)
                        {
                            if (!boundary.Ids.Add(session.SessionId))
                            {
                                continue;
                            }
                        }
                        else if (boundary.At is null || started > boundary.At)
                        {
                            boundary = (started, new HashSet<string>(StringComparer.Ordinal) { session.SessionId });
                        }
                    }

                    yield return session;
                }

                offset += page.Length;
                if (!hasNextPage || page.Length == 0)
                {
                    break;
                }
            }

            if (restart)
            {
                if (boundary.At is null || boundary.At == windowFrom)
                {
                    throw new ChatHistoryException(
                        ChatErrorKind.ServerError,
                        $"More than {offset} sessions were created at the same instant; Bitrix24 cannot page past them.")
                    {
                        Hint = "Narrow the listing with -Channel, -Agent or -Status.",
                    };
                }

                from = boundary.At;
                continue;
            }

            if (to is null || (until is not null && to >= until))
            {
                yield break;
            }

            from = to;
        }
    }

    /// <summary>A window ends 366 days after its start, or at Until when that comes first; open-ended without a start.</summary>
    private static DateTimeOffset? WindowEnd(DateTimeOffset? from, DateTimeOffset? until)
    {
        if (from is null || until is null)
        {
            return until;
        }

        var longest = from.Value + MaxPeriod;
        return longest < until ? longest : until;
    }

    /// <summary>Bitrix24 user ids are numbers; anything else is a name, matched on the client.</summary>
    private static bool IsUserId(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

    /// <summary>
    /// The filters are top-level parameters beside order, offset and limit, not a "filter" object
    /// (b24-rest-docs api-reference/imopenlines/statistics/imopenlines-v2-session-list.md).
    /// </summary>
    private static JsonObject ListParameters(ChatSessionQuery query, DateTimeOffset? from, DateTimeOffset? to, int offset, int limit)
    {
        var parameters = new JsonObject();
        Put(parameters, "configId", query.Channel);
        var agentIds = TextPattern.ServerIds(query.AgentIds, IsUserId);
        Put(parameters, "operatorId", agentIds.Count == 1 ? agentIds[0] : null);
        Put(parameters, "source", query.Source);
        // Not status=closed: that leaves out spam sessions that have ended, which Status calls Closed.
        Put(parameters, "dateCreateFrom", from is { } start ? Iso(start) : null);
        Put(parameters, "dateCreateTo", to is { } end ? Iso(end) : null);
        parameters["order"] = "dateCreate";
        parameters["orderDirection"] = "asc";
        parameters["offset"] = offset;
        parameters["limit"] = limit;
        return parameters;
    }

    private async IAsyncEnumerable<ChatSession> ListActivitiesAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = new JsonObject { ["PROVIDER_ID"] = "IMOPENLINES_SESSION" };
        Put(filter, ">=START_TIME", query.Since is { } since ? Iso(since) : null);
        Put(filter, "<START_TIME", query.Until is { } until ? Iso(until) : null);
        Put(filter, "PROVIDER_TYPE_ID", query.Channel);
        Put(filter, "COMPLETED", query.Status switch { ChatSessionStatus.Open => "N", ChatSessionStatus.Closed => "Y", _ => null });
        var agentIds = TextPattern.ServerIds(query.AgentIds, IsUserId);
        if (agentIds.Count > 0)
        {
            filter["RESPONSIBLE_ID"] = new JsonArray(agentIds.Select(id => (JsonNode)id).ToArray());
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int? start = 0; start is not null;)
        {
            var parameters = new JsonObject
            {
                ["filter"] = filter.DeepClone(),
                ["order"] = new JsonObject { ["ID"] = "ASC" },
                ["select"] = new JsonArray("ID", "ASSOCIATED_ENTITY_ID", "PROVIDER_TYPE_ID", "SUBJECT", "START_TIME", "END_TIME",
                    "COMPLETED", "RESPONSIBLE_ID", "PROVIDER_PARAMS"),
                ["start"] = start,
            };
            using var body = await client.CallAsync("crm.activity.list", parameters, "the list of sessions (crm.activity.list)", cancellationToken).ConfigureAwait(false);
            var rows = body.Root.Items("result").ToList();
            foreach (var row in rows)
            {
                var session = Bitrix24Mapper.MapActivity(row, connection);
                if (session.SessionId.Length > 0 && seen.Add(session.SessionId))
                {
                    yield return session;
                }
            }

            start = rows.Count == 0 ? null : body.Root.Int("next");
        }
    }

    private static void Put(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    internal static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
