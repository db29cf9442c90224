using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatHistory.Completion;
using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Http;
using ChatHistory.Model;

namespace ChatHistory.Providers.RocketChat;

/// <summary>
/// Rocket.Chat Omnichannel: rooms from livechat/rooms (or one visitor's history), messages from
/// livechat/{rid}/messages, oldest first, offset/count paging capped at 100 by the server.
/// </summary>
internal sealed partial class RocketChatProvider : IChatProvider, ICompletionSource
{
    internal const int MaxPageSize = 100;

    private readonly RocketChatSettings settings;
    private readonly ProviderContext context;
    private readonly RocketChatToken token = new();
    private readonly ChatHttpPipeline http;
    private readonly Uri apiRoot;
    private string? ownUserId;

    public RocketChatProvider(RocketChatSettings settings, ProviderContext context)
    {
        this.settings = settings;
        this.context = context;
        var server = settings.ServerUrl.ToString();
        apiRoot = new Uri(server.EndsWith('/') ? server : server + "/");
        if (settings.UserId is not null && settings.AuthToken is not null)
        {
            token.Current = (settings.UserId, settings.AuthToken);
        }

        http = new ChatHttpPipeline(
            context.Policy, context.Redactor, () => new RocketChatAuthHandler(token), time: context.Time, serverWindowRoute: RocketChatRoutes.Of);
    }

    public ChatProviderKind Kind => ChatProviderKind.RocketChat;

    public IReadOnlyCollection<string> Lookups { get; } = [];

    public async Task<ConnectionInfo> VerifyAsync(CancellationToken cancellationToken)
    {
        if (token.Current is null)
        {
            await LoginAsync(cancellationToken).ConfigureAwait(false);
        }

        using var me = await GetAsync("api/v1/me", "the signed-in user", cancellationToken).ConfigureAwait(false);
        ownUserId = me.Root.Str("_id");
        using var info = await http.Client.GetJsonAsync(new Uri(apiRoot, "api/info"), cancellationToken).ConfigureAwait(false);
        var version = info.IsSuccess && !info.IsEmpty ? info.Root.Str("version") ?? info.Root.Obj("info")?.Str("version") : null;
        return new ConnectionInfo(me.Root.Str("username"), version);
    }

    public async IAsyncEnumerable<ChatSession> GetSessionsAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rooms = query.VisitorId is not null
            ? VisitorRoomsAsync(query, cancellationToken)
            : query.SessionIds.Count > 0
                ? RoomsByIdAsync(query.SessionIds, cancellationToken)
                : ListRoomsAsync(query, cancellationToken);
        await foreach (var session in rooms.ConfigureAwait(false))
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
        var cursorSeen = query.After is null;
        var path = $"api/v1/livechat/{Uri.EscapeDataString(sessionId)}/messages";
        var pageSize = PageSize(query.PageSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reader = new RocketChatMessageReader(apiRoot, context.ConnectionName, new RepeatedStrings());
        var messages = new List<ChatMessage>(pageSize);
        for (var offset = 0; ; )
        {
            var url = path + new QueryString()
                .Add("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add("count", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add("sort", """{"ts":1}""");
            var what = $"the messages of session {sessionId}";
            RocketChatPage read;
            using (var page = await ReadAsync(url, what, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    read = reader.ReadPage(page.Utf8, messages);
                }
                catch (JsonException malformed)
                {
                    throw page.Malformed(malformed);
                }

                if (read.MaybeFailed && page.Root.Bool("success") == false)
                {
                    throw Error(page, what);
                }
            }

            if (offset == 0 && read.Total is { } total)
            {
                seen.EnsureCapacity(Math.Min(total, 10_000)); // grown step by step, the set would leave its smaller copies behind
            }

            foreach (var message in messages)
            {
                if (!seen.Add(message.MessageId))
                {
                    continue;
                }

                if (!cursorSeen)
                {
                    cursorSeen = message.MessageId == query.After;
                    continue;
                }

                if (query.Since is null || message.Timestamp >= query.Since)
                {
                    yield return message;
                }
            }

            offset += read.Items;
            if (read.Items == 0 || offset >= (read.Total ?? 0))
            {
                break;
            }
        }

        if (!cursorSeen)
        {
            throw new ChatHistoryException(ChatErrorKind.NotFound, $"Message {query.After} given as -After is not in session {sessionId}.")
            {
                SessionId = sessionId,
                Hint = "Rocket.Chat message ids carry no order; pass a message id of this session, or use -Since with a time.",
            };
        }
    }

    /// <summary>
    /// /file-upload/{id}/{name} answers 403 without X-User-Id and X-Auth-Token, which the auth
    /// handler adds (Rocket.Chat apps/meteor/app/file-upload/server/lib/requests.ts).
    /// </summary>
    public Task<HttpResponseMessage?> OpenAttachmentAsync(Uri url, CancellationToken cancellationToken) =>
        AttachmentRequests.OpenIfOwnAsync(http.Client, apiRoot, url, cancellationToken);

    public void Dispose() => http.Dispose();

    /// <summary>
    /// Rocket.Chat user ids are 17-character Meteor ids; anything else (alice) is a name, matched on
    /// the client. Tags are never sent: the server compares them case-sensitively.
    /// </summary>
    private static bool LooksLikeUserId(string value) => value.Length == 17 && value.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// livechat/rooms. Without view-livechat-rooms, Rocket.Chat lets an agent (view-l-room) list only
    /// agents[] = its own id and answers anything else 403 unauthorized
    /// (apps/meteor/app/livechat/imports/server/rest/rooms.ts). Then the caller's own rooms are
    /// listed instead, with a warning, rather than nothing.
    /// </summary>
    private async IAsyncEnumerable<ChatSession> ListRoomsAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rooms = RoomPagesAsync(query, query.AgentIds, cancellationToken).GetAsyncEnumerator(cancellationToken);
        bool more;
        try
        {
            more = await rooms.MoveNextAsync().ConfigureAwait(false);
        }
        catch (ChatHistoryException refused) when (refused.Kind == ChatErrorKind.AccessDenied && refused.ProviderMessage == "unauthorized")
        {
            await rooms.DisposeAsync().ConfigureAwait(false);
            var own = await OwnUserIdAsync(cancellationToken).ConfigureAwait(false);
            if (own is null || (query.AgentIds.Count > 0 && !query.AgentIds.Contains(own, StringComparer.Ordinal)))
            {
                throw;
            }

            ChatLog.Current.Warning(
                $"Rocket.Chat refused to list every room (403 unauthorized): this user lacks the view-livechat-rooms permission. "
                + $"Listing only the rooms it served (agents[]={own}); give it view-livechat-rooms to list all rooms.");
            rooms = RoomPagesAsync(query, [own], cancellationToken).GetAsyncEnumerator(cancellationToken);
            more = await rooms.MoveNextAsync().ConfigureAwait(false);
        }

        try
        {
            while (more)
            {
                yield return RocketChatMapper.MapRoom(rooms.Current, context.ConnectionName);
                more = await rooms.MoveNextAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await rooms.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IAsyncEnumerable<JsonElement> RoomPagesAsync(ChatSessionQuery query, IReadOnlyList<string> agents, CancellationToken cancellationToken)
    {
        var filter = new QueryString()
            .Add("agents[]", TextPattern.ServerIds(agents, LooksLikeUserId))
            .Add("departmentId", query.Channel)
            .Add("open", query.Status switch { ChatSessionStatus.Open => "true", ChatSessionStatus.Closed => "false", _ => null })
            .Add("createdAt", DateRange(query.Since, query.Until))
            .Add("sort", """{"ts":1}""")
            .ToString();
        return PagedAsync("api/v1/livechat/rooms" + filter, "rooms", query.PageSize, "the list of rooms", cancellationToken);
    }

    /// <summary>The signed-in user's id, from /api/v1/me (read when the connection was verified).</summary>
    private async Task<string?> OwnUserIdAsync(CancellationToken cancellationToken)
    {
        if (ownUserId is null)
        {
            using var me = await GetAsync("api/v1/me", "the signed-in user", cancellationToken).ConfigureAwait(false);
            ownUserId = me.Root.Str("_id");
        }

        return ownUserId;
    }

    private async IAsyncEnumerable<ChatSession> VisitorRoomsAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var roomId = query.SessionIds.FirstOrDefault()
            ?? throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                "Rocket.Chat reads a visitor's sessions through one of their rooms: add -SessionId with the id of a room of that visitor.");
        var path = $"api/v1/livechat/visitors.chatHistory/room/{Uri.EscapeDataString(roomId)}/visitor/{Uri.EscapeDataString(query.VisitorId!)}";
        await foreach (var room in PagedAsync(path, "history", query.PageSize, $"the history of visitor {query.VisitorId}", cancellationToken).ConfigureAwait(false))
        {
            yield return RocketChatMapper.MapRoom(room, context.ConnectionName);
        }
    }

    private async IAsyncEnumerable<ChatSession> RoomsByIdAsync(IReadOnlyList<string> roomIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var roomId in roomIds)
        {
            using var body = await GetAsync(
                "api/v1/rooms.info" + new QueryString().Add("roomId", roomId), $"session {roomId}", cancellationToken, sessionId: roomId).ConfigureAwait(false);
            if (body.Root.Obj("room") is { } room)
            {
                yield return RocketChatMapper.MapRoom(room, context.ConnectionName);
            }
        }
    }

    /// <summary>offset/count paging; duplicates from rows that moved between pages are dropped.</summary>
    private async IAsyncEnumerable<JsonElement> PagedAsync(
        string pathAndQuery, string arrayName, int? requestedPageSize, string what, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var separator = pathAndQuery.Contains('?') ? "&" : "?";
        var pageSize = PageSize(requestedPageSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ; )
        {
            using var page = await GetAsync(
                $"{pathAndQuery}{separator}offset={offset}&count={pageSize}", what, cancellationToken).ConfigureAwait(false);
            var items = page.Root.Items(arrayName).ToList();
            foreach (var item in items)
            {
                if (seen.Add(item.Str("_id") ?? string.Empty))
                {
                    // Clone: the element must outlive the page's document.
                    yield return item.Clone();
                }
            }

            offset += items.Count;
            if (items.Count == 0 || offset >= (page.Root.Int("total") ?? 0))
            {
                yield break;
            }
        }
    }

    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(apiRoot, "api/v1/login"))
        {
            Content = JsonContent.Create(new { user = settings.UserName, password = settings.Password!.Reveal() }),
        };
        using var body = await http.Client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Status == HttpStatusCode.Unauthorized)
        {
            throw new ChatHistoryException(ChatErrorKind.AuthenticationFailed, $"Rocket.Chat refused the user name or password of {settings.UserName}.")
            {
                StatusCode = 401,
                Hint = "Check the credential, or connect with a personal access token (-UserId and -AuthToken).",
            };
        }

        if (!body.IsSuccess)
        {
            throw Error(body, "the login");
        }

        var data = body.Root.Obj("data");
        var userId = data?.Str("userId");
        var authToken = data?.Str("authToken");
        if (userId is null || authToken is null)
        {
            throw new ChatHistoryException(ChatErrorKind.ProtocolError, "Rocket.Chat's login answer had no userId and authToken.");
        }

        var secret = new Security.Secret(authToken);
        context.Redactor.Add(secret);
        token.Current = (userId, secret);
    }

    /// <summary>A 2xx answer with a body that does not say success: false.</summary>
    private async Task<JsonBody> GetAsync(string relative, string what, CancellationToken cancellationToken, string? sessionId = null)
    {
        var body = await ReadAsync(relative, what, cancellationToken, sessionId).ConfigureAwait(false);
        try
        {
            if (body.Root.Bool("success") != false)
            {
                return body;
            }

            var error = Error(body, what);
            throw sessionId is null ? error : error.ForSession(sessionId);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>A 2xx answer with a body, not yet parsed.</summary>
    private async Task<JsonBody> ReadAsync(string relative, string what, CancellationToken cancellationToken, string? sessionId = null)
    {
        var body = await http.Client.GetJsonAsync(new Uri(apiRoot, relative), cancellationToken).ConfigureAwait(false);
        if (body.IsSuccess && !body.IsEmpty)
        {
            return body;
        }

        using (body)
        {
            var error = Error(body, what);
            throw sessionId is null ? error : error.ForSession(sessionId);
        }
    }

    private static ChatHistoryException Error(JsonBody body, string what)
    {
        var providerMessage = body.IsEmpty ? null : body.Root.Str("error") ?? body.Root.Str("message");
        var error = StatusErrors.From(body.Status, providerMessage, what);
        var hint = error.Kind switch
        {
            ChatErrorKind.AuthenticationFailed => "The token is invalid or expired: run Connect-ChatProvider again.",
            ChatErrorKind.AccessDenied => "The user needs the view-livechat-rooms and view-l-room permissions.",
            ChatErrorKind.Throttled => "Give the user the api-bypass-rate-limit permission, or lower -RequestsPerSecond.",
            _ => null,
        };
        // livechat/:rid/messages throws 'not-allowed' and visitors.chatHistory 'error-not-allowed' (400) for a
        // room the user may not read (apps/meteor/app/livechat/server/api/v1/message.ts, lib/visitors).
        if (body.Status == HttpStatusCode.BadRequest && providerMessage is "not-allowed" or "error-not-allowed")
        {
            return new ChatHistoryException(ChatErrorKind.AccessDenied, $"Rocket.Chat does not let this user read {what}.")
            {
                StatusCode = 400,
                ProviderMessage = providerMessage,
                Hint = "The user may read the rooms it served; give it the view-livechat-rooms permission to read the others.",
            };
        }

        if (body.Status == HttpStatusCode.BadRequest && providerMessage is not null && providerMessage.Contains("room", StringComparison.OrdinalIgnoreCase))
        {
            return new ChatHistoryException(ChatErrorKind.NotFound, $"Not found: {what}.") { StatusCode = 400, ProviderMessage = providerMessage };
        }

        return new ChatHistoryException(error.Kind, error.Message) { StatusCode = error.StatusCode, ProviderMessage = providerMessage, Hint = hint };
    }

    private static int PageSize(int? requested) => Math.Clamp(requested ?? MaxPageSize, 1, MaxPageSize);

    private static string? DateRange(DateTimeOffset? since, DateTimeOffset? until)
    {
        if (since is null && until is null)
        {
            return null;
        }

        var range = new Dictionary<string, string>();
        if (since is { } start)
        {
            range["start"] = RocketChatMapper.Iso(start);
        }

        if (until is { } end)
        {
            range["end"] = RocketChatMapper.Iso(end);
        }

        return JsonSerializer.Serialize(range);
    }
}
