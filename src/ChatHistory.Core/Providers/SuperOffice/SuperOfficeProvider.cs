using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatHistory.Completion;
using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Http;
using ChatHistory.Model;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// SuperOffice Chat through the WebAPI: sessions from the ChatSession archive (OData, or one
/// topic's through ChatTopic/{id}/Sessions), messages from ChatSession/{id}/Messages, which
/// returns everything after a message id in one answer.
/// </summary>
internal sealed partial class SuperOfficeProvider : IChatProvider, ICompletionSource
{
    internal const int MaxPageSize = 500;
    internal const int DefaultPageSize = 200;

    private readonly SuperOfficeSettings settings;
    private readonly ProviderContext context;
    private readonly ChatHttpPipeline http;
    private readonly SuperOfficeErrors errors;
    private readonly ODataPager pager;
    private readonly ArchiveClock clock;
    private readonly bool timeZoneUnresolved;
    private readonly ConcurrentDictionary<string, byte> reportedValues = new(StringComparer.OrdinalIgnoreCase);

    public SuperOfficeProvider(SuperOfficeSettings settings, ProviderContext context)
    {
        this.settings = settings;
        this.context = context;
        var (zone, unresolved) = settings.ResolveArchiveZone();
        clock = new ArchiveClock(zone);
        timeZoneUnresolved = unresolved;
        errors = new SuperOfficeErrors(settings);
        http = new ChatHttpPipeline(context.Policy, context.Redactor, () => new SuperOfficeAuthHandler(settings), time: context.Time);
        pager = new ODataPager(GetAsync, settings.TenantUrl);
    }

    public ChatProviderKind Kind => ChatProviderKind.SuperOffice;

    public IReadOnlyCollection<string> Lookups { get; } = [LookupKeys.ContactId];

    public async Task<ConnectionInfo> VerifyAsync(CancellationToken cancellationToken)
    {
        using var principal = await GetAsync(Api("User/currentPrincipal"), "the signed-in user", null, cancellationToken).ConfigureAwait(false);
        if (timeZoneUnresolved)
        {
            ChatLog.Current.Warning(
                $"SO-TimeZone '{settings.TimeZone}' is not a zone name this machine knows; dates the server sends without an offset are read as UTC. " +
                "Add -ArchiveTimeZone with the zone's name (e.g. Europe/Oslo) to read them in that zone.");
        }

        var account = principal.Root.Str("Associate") ?? principal.Root.Str("FullName");
        return new ConnectionInfo(account, null);
    }

    public async IAsyncEnumerable<ChatSession> GetSessionsAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var contactId = ContactIdLookup(query);
        RequireNumbers(query.VisitorId is null ? [] : [query.VisitorId], "-VisitorId", "SuperOffice visitors are person ids.");
        RequireNumbers(query.SessionIds, "-SessionId", "SuperOffice chat session ids are numbers.");

        var pageSize = Math.Clamp(query.PageSize ?? DefaultPageSize, 1, MaxPageSize);
        var topicId = query.Channel is { } channel && IsNumber(channel) ? channel : null;
        var clientQuery = topicId is null ? query : WithoutChannel(query);
        var rows = query.SessionIds.Count > 0
            ? RowsByIdAsync(query.SessionIds, cancellationToken)
            : topicId is not null
                ? pager.RowsAsync(
                    skip => Api($"ChatTopic/{topicId}/Sessions" + ChatSessionODataQuery.Build(
                        ChatSessionODataQuery.Filter(query, clock, topicByName: null, contactId), pageSize, skip)),
                    $"the sessions of chat topic {topicId}", cancellationToken)
                : pager.RowsAsync(
                    skip => Api("ChatSession" + ChatSessionODataQuery.Build(
                        ChatSessionODataQuery.Filter(query, clock, query.Channel, contactId), pageSize, skip)),
                    "the chat sessions", cancellationToken);

        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (contactId is not null && row.Str(ChatSessionColumns.ContactId) != contactId)
            {
                continue;
            }

            var session = SuperOfficeMapper.MapSession(row, clock, context.ConnectionName);
            if (SessionFilter.Accepts(clientQuery, session))
            {
                yield return session;
            }
        }
    }

    public async IAsyncEnumerable<ChatMessage> GetMessagesAsync(
        string sessionId, ChatMessageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!IsNumber(sessionId))
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"'{sessionId}' is not a SuperOffice chat session id; they are numbers.")
            {
                SessionId = sessionId,
            };
        }

        if (query.After is not null && !IsNumber(query.After))
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"-After '{query.After}' is not a SuperOffice message id; they are numbers.")
            {
                SessionId = sessionId,
                Hint = "Pass the MessageId of the last message already read.",
            };
        }

        var url = Api($"ChatSession/{sessionId}/Messages" + new QueryString().Add("after", query.After));
        List<ChatMessage> messages;
        using (var body = await GetAsync(url, $"the messages of chat session {sessionId}", sessionId, cancellationToken).ConfigureAwait(false))
        {
            messages = MessageItems(body.Root, sessionId)
                .Select(item => Map(item, sessionId))
                .Where(message => MessageFilter.Accepts(query, message))
                .OrderBy(message => long.TryParse(message.MessageId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue)
                .ThenBy(message => message.Timestamp)
                .ToList();
        }

        foreach (var message in messages)
        {
            yield return message;
        }
    }

    /// <summary>SuperOffice chat attachments are links and options, not files; a link into the tenant goes with its auth.</summary>
    public Task<HttpResponseMessage?> OpenAttachmentAsync(Uri url, CancellationToken cancellationToken) =>
        AttachmentRequests.OpenIfOwnAsync(http.Client, settings.TenantUrl, url, cancellationToken);

    public void Dispose() => http.Dispose();

    /// <summary>One archive query per id: "chatSessionId eq N" has one row at most, so there is nothing to page.</summary>
    private async IAsyncEnumerable<JsonElement> RowsByIdAsync(IReadOnlyList<string> sessionIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var sessionId in sessionIds)
        {
            var what = $"chat session {sessionId}";
            List<JsonElement> rows;
            using (var page = await GetAsync(
                Api("ChatSession" + ChatSessionODataQuery.Build(ChatSessionODataQuery.ById(sessionId), top: 1, skip: 0)), what, sessionId, cancellationToken).ConfigureAwait(false))
            {
                rows = ODataPager.Rows(page.Root, what);
            }

            if (rows.Count == 0)
            {
                throw new ChatHistoryException(ChatErrorKind.NotFound, $"Not found: {what}.")
                {
                    SessionId = sessionId,
                    Hint = "Check the id, and that this user can see the session's chat topic.",
                };
            }

            yield return rows[0];
        }
    }

    private ChatMessage Map(JsonElement item, string sessionId)
    {
        var message = SuperOfficeMapper.MapMessage(item, sessionId, clock, context.ConnectionName);
        ReportUnknown("Type", item.Str("Type"), SuperOfficeMapper.IsKnownType, "read as System");
        ReportUnknown("SpecialType", item.Str("SpecialType"), SuperOfficeMapper.IsKnownSpecialType, "kept as the message Kind");
        return message;
    }

    /// <summary>The vendor does not document these values: say once per value what was made of a new one.</summary>
    private void ReportUnknown(string field, string? value, Func<string?, bool> isKnown, string outcome)
    {
        if (!isKnown(value) && reportedValues.TryAdd(field + ":" + value, 0))
        {
            ChatLog.Current.Verbose($"SuperOffice message {field} '{value}' is not one ChatHistory knows; {outcome}.");
        }
    }

    private static IEnumerable<JsonElement> MessageItems(JsonElement root, string sessionId) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray(),
        JsonValueKind.Object when root.Get("value") is { ValueKind: JsonValueKind.Array } value => value.EnumerateArray(),
        _ => throw new ChatHistoryException(ChatErrorKind.ProtocolError, $"SuperOffice's answer for the messages of chat session {sessionId} was not a JSON array.")
        {
            SessionId = sessionId,
        },
    };

    private async Task<JsonBody> GetAsync(Uri uri, string what, string? sessionId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        // Headers-read is enough: the retry handler has read the body already (see SendForJsonAsync).
        using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await errors.FromResponseAsync(response, what, sessionId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await JsonBody.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (ChatHistoryException error) when (sessionId is not null)
        {
            throw error.ForSession(sessionId);
        }
    }

    private Uri Api(string relative) => new(settings.TenantUrl, relative);

    private static string? ContactIdLookup(ChatSessionQuery query)
    {
        if (!query.Lookup.TryGetValue(LookupKeys.ContactId, out var contactId))
        {
            return null;
        }

        RequireNumbers([contactId], "-ContactId", "SuperOffice contact ids are numbers.");
        return contactId;
    }

    private static void RequireNumbers(IEnumerable<string> values, string parameter, string why)
    {
        if (values.FirstOrDefault(value => !IsNumber(value)) is { } bad)
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"{parameter} '{bad}' is not a number: {why}");
        }
    }

    private static bool IsNumber(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static ChatSessionQuery WithoutChannel(ChatSessionQuery query) => new()
    {
        Since = query.Since,
        Until = query.Until,
        Status = query.Status,
        SessionIds = query.SessionIds,
        AgentIds = query.AgentIds,
        Tags = query.Tags,
        Source = query.Source,
        VisitorId = query.VisitorId,
        PageSize = query.PageSize,
        Lookup = query.Lookup,
    };
}
