using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.Bitrix24;

/// <summary>The REST methods the history export needs, answering as a Bitrix24 portal does.</summary>
public static class Bitrix24Methods
{
    private const int ActivityPageSize = 50;

    public static Bitrix24Reply Call(Bitrix24State state, string method, JsonObject parameters) => method.ToLowerInvariant() switch
    {
        "profile" => Bitrix24Reply.Ok(new JsonObject
        {
            ["ID"] = state.Options.WebhookUserId.ToString(CultureInfo.InvariantCulture),
            ["ADMIN"] = true,
            ["NAME"] = "Vladimir",
            ["LAST_NAME"] = "Loginov",
            ["PERSONAL_GENDER"] = "M",
            ["TIME_ZONE_OFFSET"] = 7200,
        }),
        "imopenlines.v2.session.list" when state.Options.HasSessionListV2 => SessionList(state, parameters),
        "crm.activity.list" => ActivityList(state, parameters),
        "imopenlines.dialog.get" => DialogGet(state, parameters),
        "imopenlines.config.list.get" => Bitrix24Reply.Ok(Bitrix24Json.Lines()),
        "imopenlines.session.history.get" => History(state, parameters),
        _ => Bitrix24Reply.Fail(404, "ERROR_METHOD_NOT_FOUND", "Method not found!"),
    };

    /// <summary>
    /// The filters are top-level parameters beside order, offset and limit, as the method's page
    /// documents them (b24-rest-docs api-reference/imopenlines/statistics/imopenlines-v2-session-list.md);
    /// a "filter" object is not among them and filters nothing.
    /// </summary>
    private static Bitrix24Reply SessionList(Bitrix24State state, JsonObject parameters)
    {
        var filter = parameters;
        var offset = parameters.Int("offset") ?? 0;
        var limit = Math.Clamp(parameters.Int("limit") ?? 50, 1, 200);
        if (offset > state.Options.MaxOffset)
        {
            return Bitrix24Reply.Fail(400, "OFFSET_TOO_LARGE", $"Offset must not exceed {state.Options.MaxOffset}");
        }

        var createdFrom = filter.Date("dateCreateFrom");
        var createdTo = filter.Date("dateCreateTo");
        var closedFrom = filter.Date("dateCloseFrom");
        var closedTo = filter.Date("dateCloseTo");
        if (TooLong(createdFrom, createdTo, state) || TooLong(closedFrom, closedTo, state))
        {
            return Bitrix24Reply.Fail(400, "PERIOD_TOO_LARGE", $"The period must not exceed {state.Options.MaxPeriodDays} days");
        }

        IEnumerable<B24Session> sessions = state.Data.Sessions;
        if (filter.Text("configId") is { } line)
        {
            sessions = sessions.Where(s => Same(s.LineId, line));
        }

        if (filter.Text("operatorId") is { } operatorId)
        {
            sessions = sessions.Where(s => Same(s.OperatorId, operatorId));
        }

        if (filter.Text("source") is { } source)
        {
            sessions = sessions.Where(s => string.Equals(s.Source, source, StringComparison.OrdinalIgnoreCase));
        }

        if (filter.Text("status") is { } status)
        {
            sessions = sessions.Where(s => string.Equals(s.Status, status, StringComparison.OrdinalIgnoreCase));
        }

        sessions = sessions.Where(s =>
            (createdFrom is null || s.Created >= createdFrom) && (createdTo is null || s.Created <= createdTo)
            && (closedFrom is null || s.Closed >= closedFrom) && (closedTo is null || s.Closed <= closedTo));
        var descending = string.Equals(parameters.Text("orderDirection"), "desc", StringComparison.OrdinalIgnoreCase);
        var ordered = string.Equals(parameters.Text("order"), "dateClose", StringComparison.OrdinalIgnoreCase)
            ? sessions.OrderBy(s => s.Closed ?? DateTimeOffset.MaxValue).ThenBy(s => s.Id)
            : sessions.OrderBy(s => s.Created).ThenBy(s => s.Id);
        var list = (descending ? ordered.Reverse() : ordered).ToList();
        var page = list.Skip(offset).Take(limit).Select(s => (JsonNode)Bitrix24Json.SessionRow(s)).ToArray();
        return Bitrix24Reply.Ok(new JsonObject
        {
            ["sessions"] = new JsonArray(page),
            ["hasNextPage"] = offset + page.Length < list.Count,
        });
    }

    private static Bitrix24Reply ActivityList(Bitrix24State state, JsonObject parameters)
    {
        var filter = parameters.Get("filter") as JsonObject ?? new JsonObject();
        if (!string.Equals(filter.Text("PROVIDER_ID"), "IMOPENLINES_SESSION", StringComparison.Ordinal))
        {
            // Other activities (calls, e-mails) are not simulated.
            return Bitrix24Reply.Ok(new JsonArray(), total: 0);
        }

        IEnumerable<B24Session> sessions = state.Data.Sessions;
        if (filter.Date(">=START_TIME") is { } from)
        {
            sessions = sessions.Where(s => s.Created >= from);
        }

        if (filter.Date("<START_TIME") is { } before)
        {
            sessions = sessions.Where(s => s.Created < before);
        }

        if (filter.Text("PROVIDER_TYPE_ID") is { } line)
        {
            sessions = sessions.Where(s => Same(s.LineId, line));
        }

        if (filter.Text("COMPLETED") is { } completed)
        {
            sessions = sessions.Where(s => (s.Closed is not null) == (completed == "Y"));
        }

        if (filter.Get("RESPONSIBLE_ID") is { } responsible)
        {
            var ids = responsible is JsonArray array ? array.Select(Bitrix24Params.AsText).ToHashSet() : [Bitrix24Params.AsText(responsible)];
            sessions = sessions.Where(s => ids.Contains(s.OperatorId.ToString(CultureInfo.InvariantCulture)));
        }

        var list = sessions.OrderBy(s => s.Id).ToList();
        var start = parameters.Int("start") ?? 0;
        var page = list.Skip(start).Take(ActivityPageSize).Select(s => (JsonNode)Bitrix24Json.ActivityRow(s)).ToArray();
        int? next = start + page.Length < list.Count ? start + page.Length : null;
        return Bitrix24Reply.Ok(new JsonArray(page), next, list.Count);
    }

    /// <summary>
    /// As imopenlines lib/rest.php dialogGet does: any chat the user may open comes back, group chats
    /// too; a chat that does not exist, or one the user may not open, is ACCESS_ERROR with HTTP 400,
    /// whichever parameter named it (b24-rest-docs imopenlines-dialog-get.md lists ACCESS_ERROR).
    /// </summary>
    private static Bitrix24Reply DialogGet(Bitrix24State state, JsonObject parameters)
    {
        var data = state.Data;
        int? chatId = parameters.Int("CHAT_ID");
        if (chatId is null && parameters.Text("DIALOG_ID") is { } dialogId)
        {
            chatId = dialogId.StartsWith("chat", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(dialogId[4..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        }

        if (chatId is { } id)
        {
            if (id == Bitrix24Data.GeneralChatId)
            {
                return Bitrix24Reply.Ok(Bitrix24Json.GroupChat(id));
            }

            var ofChat = data.SessionsOfChat(id).ToList();
            return ofChat.Count == 0 ? NoDialog() : Bitrix24Reply.Ok(Bitrix24Json.Dialog(ofChat[^1], data.CurrentSession(id)));
        }

        if (parameters.Text("USER_CODE") is { } userCode)
        {
            var latest = data.Sessions.LastOrDefault(s => s.UserCode == userCode);
            return latest is null ? NoDialog() : Bitrix24Reply.Ok(Bitrix24Json.Dialog(latest, data.CurrentSession(latest.ChatId)));
        }

        if (parameters.Int("SESSION_ID") is { } sessionId)
        {
            return data.ById.TryGetValue(sessionId, out var session)
                ? Bitrix24Reply.Ok(Bitrix24Json.Dialog(session, data.CurrentSession(session.ChatId)))
                : NoDialog();
        }

        return NoDialog();
    }

    private static Bitrix24Reply NoDialog() => Bitrix24Reply.Fail(400, "ACCESS_ERROR", "You do not have access to the specified dialog");

    private static Bitrix24Reply History(Bitrix24State state, JsonObject parameters)
    {
        var sessionText = parameters.Text("SESSION_ID");
        var chatId = parameters.Int("CHAT_ID");
        if (sessionText is null && chatId is null)
        {
            return Bitrix24Reply.Fail(400, "MISSING_REQUIRED_PARAM", "CHAT_ID or SESSION_ID is required");
        }

        if (sessionText is null)
        {
            // Without SESSION_ID only a participant may read; the webhook user is not one.
            return chatId == Bitrix24Data.GeneralChatId
                ? Bitrix24Reply.Fail(400, "CHAT_TYPE", "Chat isn't operator")
                : Bitrix24Reply.Fail(403, "ACCESS_DENIED", "You do not have access to the specified dialog");
        }

        if (!int.TryParse(sessionText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sessionId)
            || !state.Data.ById.TryGetValue(sessionId, out var session))
        {
            return Bitrix24Reply.Fail(400, "INVALID_SESSION_ID", "Session ID is incorrect");
        }

        if (chatId is { } chat && chat != session.ChatId)
        {
            return Bitrix24Reply.Fail(400, "CHAT_ID", "Chat ID is incorrect");
        }

        return state.Options.DeniedSessionIds.Contains(sessionId) || session.Messages.Count == 0
            ? Bitrix24Reply.Fail(403, "ACCESS_DENIED", "You do not have access to the specified dialog")
            : Bitrix24Reply.Ok(session.History());
    }

    private static bool TooLong(DateTimeOffset? from, DateTimeOffset? to, Bitrix24State state) =>
        from is { } start && to is { } end && end - start > TimeSpan.FromDays(state.Options.MaxPeriodDays);

    private static bool Same(int value, string text) => value.ToString(CultureInfo.InvariantCulture) == text;
}
