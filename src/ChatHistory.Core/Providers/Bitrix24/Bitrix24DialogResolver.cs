using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatHistory.Diagnostics;
using ChatHistory.Model;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Finds one dialog with imopenlines.dialog.get, from a CHAT_ID, DIALOG_ID (chat123), USER_CODE
/// or SESSION_ID, and reads it as a session. A dialog named by chat or user code stands for its
/// current session (field 6 of entity_data_1). The dialog describes the chat, so the session's
/// history is read too, for what a listed session has (start, end, message count).
/// imopenlines.session.open is not used: it starts a session, and reading history must change nothing.
/// </summary>
internal sealed class Bitrix24DialogResolver(Bitrix24Client client, string connection)
{
    private const string HistoryMethod = "imopenlines.session.history.get";

    public async IAsyncEnumerable<ChatSession> ResolveAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (key, value) in Lookups(query))
        {
            yield return await ByLookupAsync(key, value, cancellationToken).ConfigureAwait(false);
        }

        foreach (var sessionId in query.SessionIds)
        {
            yield return await BySessionIdAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The dialog and the session's history in one batch call (one request to the rate limit): the
    /// dialog says which chat and whether the session is still its current one, the history when
    /// the session started and ended and how many messages it has. A history Bitrix24 refuses (an
    /// empty session answers ACCESS_DENIED) leaves those empty rather than failing the session.
    /// </summary>
    private async Task<ChatSession> BySessionIdAsync(string sessionId, CancellationToken cancellationToken)
    {
        var what = $"session {sessionId}";
        var escaped = Uri.EscapeDataString(sessionId);
        var commands = new JsonObject
        {
            ["dialog"] = $"imopenlines.dialog.get?SESSION_ID={escaped}",
            ["history"] = $"{HistoryMethod}?SESSION_ID={escaped}",
        };
        using var body = await client.CallAsync(
            "batch", new JsonObject { ["halt"] = 0, ["cmd"] = commands }, what, cancellationToken, sessionId).ConfigureAwait(false);
        var outer = body.Root.Obj("result");
        if (outer?.Obj("result_error")?.Obj("dialog") is { } refused)
        {
            throw Bitrix24Errors.From(refused.Str("error"), refused.Str("error_description"), null, what, sessionId);
        }

        var dialog = outer?.Obj("result")?.Obj("dialog")
            ?? throw new ChatHistoryException(ChatErrorKind.ProtocolError, $"Bitrix24 answered {what} without a result object.") { SessionId = sessionId };
        var history = outer?.Obj("result")?.Obj("history");
        if (history is null && outer?.Obj("result_error")?.Obj("history") is { } historyRefused)
        {
            ChatLog.Current.Verbose($"Bitrix24 refused the history of {what} ({historyRefused.Str("error")}): its start, end and message count stay empty.");
        }

        return Bitrix24Mapper.MapDialog(OpenLine(dialog, what, sessionId), sessionId, connection, history);
    }

    /// <summary>The session's history for a dialog found by lookup; null (with a verbose line) when Bitrix24 refuses it.</summary>
    private async Task<System.Text.Json.JsonElement?> HistoryAsync(string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await client.CallAsync(
                HistoryMethod, new JsonObject { ["SESSION_ID"] = sessionId }, $"the history of session {sessionId}", cancellationToken, sessionId).ConfigureAwait(false);
            return body.Root.Obj("result")?.Clone();
        }
        catch (ChatHistoryException error) when (error.Kind == ChatErrorKind.AccessDenied)
        {
            ChatLog.Current.Verbose($"Bitrix24 refused the history of session {sessionId} ({error.ProviderMessage}): its start, end and message count stay empty.");
            return null;
        }
    }

    public static bool HasLookup(ChatSessionQuery query) => query.SessionIds.Count > 0 || Lookups(query).Any();

    private async Task<ChatSession> ByLookupAsync(string parameter, string value, CancellationToken cancellationToken)
    {
        var what = $"the dialog {parameter}={value}";
        using var body = await client.CallAsync("imopenlines.dialog.get", new JsonObject { [parameter] = value }, what, cancellationToken).ConfigureAwait(false);
        var dialog = OpenLine(Result(body, what), what, sessionId: null);
        var sessionId = Bitrix24Mapper.CurrentSessionId(dialog)
            ?? throw new ChatHistoryException(ChatErrorKind.NotFound, $"The dialog {parameter}={value} has no open session.")
            {
                Hint = "Its closed sessions are listed by Get-ChatSession with -Since and -Until; pass one of them as -SessionId.",
            };
        return Bitrix24Mapper.MapDialog(dialog, sessionId, connection, await HistoryAsync(sessionId, cancellationToken).ConfigureAwait(false));
    }

    private static System.Text.Json.JsonElement Result(Http.JsonBody body, string what) =>
        body.Root.Obj("result")?.Clone()
        ?? throw new ChatHistoryException(ChatErrorKind.ProtocolError, $"Bitrix24 answered {what} without a result object.");

    /// <summary>
    /// dialog.get answers for any chat the user may open, group chats too; only a chat of type "lines"
    /// (entity_type LINES) is an Open Channels dialog with sessions.
    /// </summary>
    private static System.Text.Json.JsonElement OpenLine(System.Text.Json.JsonElement dialog, string what, string? sessionId)
    {
        if (Bitrix24Mapper.IsOpenLine(dialog))
        {
            return dialog;
        }

        throw Bitrix24Errors.NotAnOpenLine(what, dialog.Str("type"), sessionId);
    }

    private static IEnumerable<(string Parameter, string Value)> Lookups(ChatSessionQuery query)
    {
        if (query.Lookup.TryGetValue(LookupKeys.ChatId, out var chatId))
        {
            yield return ("CHAT_ID", chatId);
        }

        if (query.Lookup.TryGetValue(LookupKeys.DialogId, out var dialogId))
        {
            yield return ("DIALOG_ID", dialogId);
        }

        if (query.Lookup.TryGetValue(LookupKeys.UserCode, out var userCode))
        {
            yield return ("USER_CODE", userCode);
        }
    }
}
