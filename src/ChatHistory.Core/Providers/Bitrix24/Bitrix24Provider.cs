using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatHistory.Completion;
using ChatHistory.Connections;
using ChatHistory.Model;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Bitrix24 Open Channels: sessions from imopenlines.v2.Session.list (or crm.activity.list on older
/// portals), one dialog from imopenlines.dialog.get, messages from imopenlines.session.history.get,
/// which returns a whole session at once; up to 50 sessions go in one batch call, which the
/// portal's rate limit counts as one request.
/// </summary>
internal sealed class Bitrix24Provider : IChatProvider, IBatchMessageProvider, ICompletionSource
{
    internal const int BatchSize = 50;
    private const string HistoryMethod = "imopenlines.session.history.get";

    private readonly ProviderContext context;
    private readonly Bitrix24Client client;
    private readonly Bitrix24SessionLister lister;
    private readonly Bitrix24DialogResolver resolver;

    public Bitrix24Provider(Bitrix24Settings settings, Bitrix24Endpoint endpoint, ProviderContext context)
    {
        this.context = context;
        client = new Bitrix24Client(settings, endpoint, context);
        lister = new Bitrix24SessionLister(client, context.ConnectionName);
        resolver = new Bitrix24DialogResolver(client, context.ConnectionName);
    }

    public ChatProviderKind Kind => ChatProviderKind.Bitrix24;

    public IReadOnlyCollection<string> Lookups { get; } = [LookupKeys.ChatId, LookupKeys.DialogId, LookupKeys.UserCode];

    public int MaxSessionsPerBatch => BatchSize;

    public async Task<ConnectionInfo> VerifyAsync(CancellationToken cancellationToken)
    {
        using var body = await client.CallAsync("profile", [], "the user profile", cancellationToken).ConfigureAwait(false);
        var profile = body.Root.Obj("result");
        var name = string.Join(' ', new[] { profile?.Str("NAME"), profile?.Str("LAST_NAME") }.Where(part => !string.IsNullOrEmpty(part)));
        return new ConnectionInfo(name.Length > 0 ? name : profile?.Str("ID"), null);
    }

    public async IAsyncEnumerable<ChatSession> GetSessionsAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sessions = Bitrix24DialogResolver.HasLookup(query)
            ? resolver.ResolveAsync(query, cancellationToken)
            : lister.ListAsync(query, cancellationToken);
        await foreach (var session in sessions.ConfigureAwait(false))
        {
            if (SessionFilter.Accepts(query, session))
            {
                yield return session;
            }
        }
    }

    public async IAsyncEnumerable<ChatMessage> GetMessagesAsync(
        string sessionId, ChatMessageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RequireNumeric(sessionId);
        var messages = await client.CallAsync(
            HistoryMethod,
            new JsonObject { ["SESSION_ID"] = sessionId },
            $"the messages of session {sessionId}",
            (ref Utf8JsonReader reader, ReadOnlySpan<byte> json) => Bitrix24HistoryReader.Read(ref reader, json, sessionId, client.Portal, context.ConnectionName),
            cancellationToken,
            sessionId).ConfigureAwait(false);
        if (messages is null)
        {
            throw new ChatHistoryException(ChatErrorKind.ProtocolError, $"Bitrix24 answered the history of session {sessionId} without a result.") { SessionId = sessionId };
        }

        foreach (var message in messages)
        {
            if (MessageFilter.Accepts(query, message))
            {
                yield return message;
            }
        }
    }

    /// <summary>
    /// One batch call for up to 50 sessions. A session the portal refused arrives in result_error
    /// and becomes that session's error only.
    /// </summary>
    public async IAsyncEnumerable<SessionMessages> GetMessagesBatchAsync(
        IReadOnlyList<string> sessionIds, ChatMessageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (sessionIds.Count > BatchSize)
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"A Bitrix24 batch holds at most {BatchSize} sessions.");
        }

        var commands = new JsonObject();
        var sessionOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var invalid = new Dictionary<string, ChatHistoryException>(StringComparer.Ordinal);
        for (var i = 0; i < sessionIds.Count; i++)
        {
            var sessionId = sessionIds[i];
            if (!IsNumeric(sessionId))
            {
                invalid[sessionId] = NotASessionId(sessionId);
                continue;
            }

            commands[Key(i)] = $"{HistoryMethod}?SESSION_ID={Uri.EscapeDataString(sessionId)}";
            sessionOf[Key(i)] = sessionId;
        }

        var answer = commands.Count == 0
            ? null
            : await client.CallAsync(
                "batch",
                new JsonObject { ["halt"] = 0, ["cmd"] = commands },
                $"the messages of {commands.Count} sessions (batch)",
                Bitrix24BatchAnswer.Reader(sessionOf, client.Portal, context.ConnectionName),
                cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < sessionIds.Count; i++)
        {
            var sessionId = sessionIds[i];
            yield return invalid.TryGetValue(sessionId, out var refused)
                ? new SessionMessages(sessionId, [], refused)
                : Outcome(sessionId, Key(i), answer, query);
        }
    }

    /// <summary>
    /// -Channel completes open line ids and -Agent the operators of their queues, both from one
    /// imopenlines.config.list.get call with OPTIONS.QUEUE (b24-rest-docs imopenlines-config-list-get.md:
    /// QUEUE and QUEUE_USERS_FIELDS.USER_NAME). Bitrix24 sessions have no tags.
    /// </summary>
    public async Task<IReadOnlyList<CompletionValue>> GetCompletionValuesAsync(CompletionField field, CancellationToken cancellationToken)
    {
        if (field == CompletionField.Tag)
        {
            return [];
        }

        var parameters = new JsonObject
        {
            ["PARAMS"] = new JsonObject { ["select"] = new JsonArray("ID", "LINE_NAME"), ["order"] = new JsonObject { ["ID"] = "ASC" }, ["limit"] = 200 },
            ["OPTIONS"] = new JsonObject { ["QUEUE"] = "Y" },
        };
        using var body = await client.CallAsync("imopenlines.config.list.get", parameters, "the open lines", cancellationToken).ConfigureAwait(false);
        return Bitrix24Mapper.CompletionValues(body.Root.Items("result"), field);
    }

    public Task<HttpResponseMessage?> OpenAttachmentAsync(Uri url, CancellationToken cancellationToken) =>
        client.OpenFileAsync(url, cancellationToken);

    public void Dispose() => client.Dispose();

    private static SessionMessages Outcome(string sessionId, string key, Bitrix24BatchAnswer? answer, ChatMessageQuery query)
    {
        if (answer is not null && answer.Errors.TryGetValue(key, out var failure))
        {
            var exception = Bitrix24Errors.From(failure.Code, failure.Description, null, $"the messages of session {sessionId}", sessionId);
            return new SessionMessages(sessionId, [], exception);
        }

        if (answer is null || !answer.Results.TryGetValue(key, out var messages))
        {
            return new SessionMessages(sessionId, [], new ChatHistoryException(
                ChatErrorKind.ProtocolError, $"Bitrix24's batch answer held nothing for session {sessionId}.") { SessionId = sessionId });
        }

        return new SessionMessages(sessionId, messages.Where(message => MessageFilter.Accepts(query, message)).ToList(), null);
    }

    private static string Key(int index) => "s" + index.ToString(CultureInfo.InvariantCulture);

    private static bool IsNumeric(string sessionId) => sessionId.Length > 0 && sessionId.All(char.IsAsciiDigit);

    private static void RequireNumeric(string sessionId)
    {
        if (!IsNumeric(sessionId))
        {
            throw NotASessionId(sessionId);
        }
    }

    private static ChatHistoryException NotASessionId(string sessionId) =>
        new(ChatErrorKind.InvalidArgument, $"'{sessionId}' is not a Bitrix24 session id (a number).")
        {
            SessionId = sessionId,
            Hint = "Pass the SESSION_ID; look a dialog up with -ChatId, -DialogId or -UserCode in Get-ChatSession.",
        };
}
