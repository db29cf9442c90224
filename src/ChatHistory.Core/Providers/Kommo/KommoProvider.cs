using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatHistory.Connections;
using ChatHistory.Model;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// Kommo Chats (amojo). There is no method that lists conversations: sessions are the conversation
/// ids the user gives, or a contact's chats found through API v4. Messages come from the history
/// method, newest first on the wire, 50 at most per page.
/// </summary>
internal sealed class KommoProvider : IChatProvider
{
    private readonly KommoSettings settings;
    private readonly ProviderContext context;
    private readonly KommoAmojoClient amojo;
    private readonly KommoAccountApi? account;
    private readonly KommoHistoryReader history;
    private readonly KommoFirstPages firstPages;
    private readonly KommoConversationStarts starts = new();

    public KommoProvider(KommoSettings settings, ProviderContext context)
    {
        this.settings = settings;
        this.context = context;
        amojo = new KommoAmojoClient(settings, context);
        firstPages = new KommoFirstPages(context.Time);
        history = new KommoHistoryReader(amojo, firstPages, starts, context.ConnectionName);
        if (settings.AccountUrl is not null && settings.AccessToken is not null)
        {
            account = new KommoAccountApi(settings.AccountUrl, settings.AccessToken, context);
        }
    }

    public ChatProviderKind Kind => ChatProviderKind.Kommo;

    public IReadOnlyCollection<string> Lookups { get; } = [LookupKeys.ContactId];

    public async Task<ConnectionInfo> VerifyAsync(CancellationToken cancellationToken)
    {
        await amojo.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var accountName = account is null ? null : await account.AccountNameAsync(cancellationToken).ConfigureAwait(false);
        // scope_id is {channel_id}_{amojo_account_id}.
        return new ConnectionInfo(accountName ?? settings.ScopeId[(settings.ScopeId.IndexOf('_') + 1)..], ServerVersion: null);
    }

    public async IAsyncEnumerable<ChatSession> GetSessionsAsync(ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var contactId = ContactId(query);
        RejectFiltersKommoCannotApply(query);
        if (query.SessionIds.Count == 0 && contactId is null)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                "Kommo has no method that lists conversations: pass conversation ids with -SessionId (or pipe objects with a "
                + "ConversationId property, e.g. Import-Csv ids.csv | Get-ChatSession), or -ContactId with an API v4 token.")
            {
                Hint = "Conversation ids come from your channel's webhooks, from an earlier export, or from a contact through -ContactId.",
            };
        }

        var described = new HashSet<string>(StringComparer.Ordinal);
        foreach (var conversationId in query.SessionIds)
        {
            if (described.Add(conversationId) && await DescribeAsync(conversationId, contactChat: null, cancellationToken).ConfigureAwait(false) is { } session
                && SessionFilter.Accepts(query, session))
            {
                yield return session;
            }
        }

        if (contactId is null)
        {
            yield break;
        }

        await foreach (var chat in account!.ContactChatsAsync(contactId, cancellationToken).ConfigureAwait(false))
        {
            if (chat.Str("chat_id") is { Length: > 0 } conversationId && described.Add(conversationId)
                && await DescribeAsync(conversationId, chat, cancellationToken).ConfigureAwait(false) is { } session
                && SessionFilter.Accepts(query, session))
            {
                yield return session;
            }
        }
    }

    public async IAsyncEnumerable<ChatMessage> GetMessagesAsync(
        string sessionId, ChatMessageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var message in await history.ReadAsync(sessionId, query, cancellationToken).ConfigureAwait(false))
        {
            yield return message;
        }
    }

    /// <summary>media links on the amojo host go through the signed amojo client; whether they need the signature is a [guess].</summary>
    public Task<HttpResponseMessage?> OpenAttachmentAsync(Uri url, CancellationToken cancellationToken) =>
        amojo.OpenMediaAsync(url, cancellationToken);

    public void Dispose()
    {
        amojo.Dispose();
        account?.Dispose();
    }

    /// <summary>
    /// A conversation with what its newest message tells: when it was last written to, and who the
    /// customer is. That takes the newest page of its history, the same page Get-ChatMessage starts
    /// with: it is kept for the message read that usually follows, so that describing a session costs
    /// no request of its own (Import-Csv ids.csv | Get-ChatSession | Get-ChatMessage).
    /// </summary>
    private async Task<ChatSession> DescribeAsync(string conversationId, JsonElement? contactChat, CancellationToken cancellationToken)
    {
        using var newest = await amojo.ReadHistoryAsync(conversationId, 0, KommoHistoryReader.MaxPageSize, cancellationToken).ConfigureAwait(false);
        var entries = newest.IsEmpty ? [] : newest.Root.Items("messages").Where(e => e.ValueKind == JsonValueKind.Object).ToList();
        firstPages.Put(conversationId, KommoHistoryReader.Map(newest, conversationId, context.ConnectionName), KommoHistoryReader.MaxPageSize);
        return KommoMapper.MapConversation(
            conversationId,
            entries.Count > 0 ? entries[0] : null,
            contactChat,
            context.ConnectionName,
            entries.Count is > 0 and < KommoHistoryReader.MaxPageSize ? entries : null,
            entries.Count > 0 ? starts.Find(conversationId) : null);
    }

    private string? ContactId(ChatSessionQuery query)
    {
        if (!query.Lookup.TryGetValue(LookupKeys.ContactId, out var contactId))
        {
            return null;
        }

        if (!long.TryParse(contactId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"-ContactId must be a Kommo contact id (a number), not '{contactId}'.");
        }

        if (account is null)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                "Finding a contact's chats needs Kommo's API v4: connect with -AccountUrl and -AccessToken to use -ContactId.");
        }

        return contactId;
    }

    /// <summary>
    /// A Kommo conversation has no start time, status, agent, channel, tag or source to filter on:
    /// saying so beats returning nothing (or everything) without a word.
    /// </summary>
    private static void RejectFiltersKommoCannotApply(ChatSessionQuery query)
    {
        var unsupported = new List<string>();
        if (query.Since is not null)
        {
            unsupported.Add("-Since");
        }

        if (query.Until is not null)
        {
            unsupported.Add("-Until");
        }

        if (query.Status != ChatSessionStatus.Any)
        {
            unsupported.Add("-Status");
        }

        if (query.AgentIds.Count > 0)
        {
            unsupported.Add("-Agent");
        }

        if (query.Channel is not null)
        {
            unsupported.Add("-Channel");
        }

        if (query.Tags.Count > 0)
        {
            unsupported.Add("-Tag");
        }

        if (query.Source is not null)
        {
            unsupported.Add("-Source");
        }

        if (unsupported.Count > 0)
        {
            throw new ChatHistoryException(
                ChatErrorKind.NotSupported,
                $"Kommo conversations cannot be filtered by {string.Join(", ", unsupported)}: amojo has no session list to filter.")
            {
                Hint = "Select by id (-SessionId, -ContactId), then filter the results, e.g. | Where-Object LastMessageAt -ge $since, or use Get-ChatMessage -Since.",
            };
        }
    }
}
