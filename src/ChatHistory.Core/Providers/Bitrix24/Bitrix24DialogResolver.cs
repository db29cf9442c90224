using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatHistory.Model;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Finds one dialog with imopenlines.dialog.get, from a CHAT_ID, DIALOG_ID (chat123), USER_CODE
/// or SESSION_ID, and reads it as a session. A dialog named by chat or user code stands for its
/// current session (field 6 of entity_data_1). imopenlines.session.open is not used: it starts a
/// session, and reading history must change nothing.
/// </summary>
internal sealed class Bitrix24DialogResolver(Bitrix24Client client, string connection)
{
    public async IAsyncEnumerable<ChatSession> ResolveAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (key, value) in Lookups(query))
        {
            yield return await ByLookupAsync(key, value, cancellationToken).ConfigureAwait(false);
        }

        foreach (var sessionId in query.SessionIds)
        {
            using var body = await client.CallAsync(
                "imopenlines.dialog.get", new JsonObject { ["SESSION_ID"] = sessionId }, $"session {sessionId}", cancellationToken, sessionId).ConfigureAwait(false);
            yield return Bitrix24Mapper.MapDialog(OpenLine(Result(body, $"session {sessionId}"), $"session {sessionId}", sessionId), sessionId, connection);
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
        return Bitrix24Mapper.MapDialog(dialog, sessionId, connection);
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
