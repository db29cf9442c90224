using System.Globalization;
using ChatHistory.Connections;
using ChatHistory.Http;

namespace ChatHistory.Providers.Kommo;

/// <summary>amojo, the Chats API: one page of a conversation's history per call, every request signed.</summary>
internal sealed class KommoAmojoClient : IDisposable
{
    private readonly ChatHttpPipeline http;
    private readonly Uri scopeRoot;
    private readonly Uri amojoRoot;

    public KommoAmojoClient(KommoSettings settings, ProviderContext context)
    {
        var amojo = settings.AmojoUrl.ToString();
        amojoRoot = new Uri(amojo.EndsWith('/') ? amojo : amojo + "/");
        scopeRoot = new Uri(amojoRoot, $"v2/origin/custom/{Uri.EscapeDataString(settings.ScopeId)}/");
        http = new ChatHttpPipeline(
            context.Policy, context.Redactor, () => new KommoSigningHandler(settings.ChannelSecret, context.Time), time: context.Time);
    }

    /// <summary>
    /// One page, newest message first. An empty body (204) means no messages at this offset, or no
    /// such chat in this channel: amojo does not tell the two apart.
    /// </summary>
    public async Task<JsonBody> ReadHistoryAsync(string conversationId, int offset, int limit, CancellationToken cancellationToken)
    {
        try
        {
            return await GetHistoryAsync(conversationId, offset, limit, $"the history of conversation {conversationId}", cancellationToken).ConfigureAwait(false);
        }
        catch (ChatHistoryException error)
        {
            throw error.ForSession(conversationId);
        }
    }

    /// <summary>
    /// A page that may not exist, asked for only if the rate limit has a place free at once (see
    /// <see cref="SpareCapacity"/>); null when it was not sent.
    /// </summary>
    public async Task<JsonBody?> ReadHistoryIfSpareAsync(string conversationId, int offset, int limit, CancellationToken cancellationToken)
    {
        try
        {
            return await GetHistoryAsync(conversationId, offset, limit, $"the history of conversation {conversationId}", cancellationToken, guess: true).ConfigureAwait(false);
        }
        catch (NoSpareCapacityException)
        {
            return null;
        }
    }

    /// <summary>A message's media link, when it is on the amojo host.</summary>
    public Task<HttpResponseMessage?> OpenMediaAsync(Uri url, CancellationToken cancellationToken) =>
        AttachmentRequests.OpenIfOwnAsync(http.Client, amojoRoot, url, cancellationToken);

    /// <summary>
    /// Checks the scope and the signature: asks for the history of a conversation no channel has,
    /// which amojo answers with 204 once the signature is right.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var body = await GetHistoryAsync(Guid.Empty.ToString(), 0, 1, "the channel's history (connection check)", cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonBody> GetHistoryAsync(string conversationId, int offset, int limit, string what, CancellationToken cancellationToken, bool guess = false)
    {
        var query = new QueryString()
            .Add("offset", offset.ToString(CultureInfo.InvariantCulture))
            .Add("limit", limit.ToString(CultureInfo.InvariantCulture));
        var uri = new Uri(scopeRoot, $"chats/{Uri.EscapeDataString(conversationId)}/history{query}");
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var body = await http.Client.SendForJsonAsync(guess ? SpareCapacity.Mark(request) : request, cancellationToken).ConfigureAwait(false);
        if (body.IsSuccess)
        {
            return body;
        }

        using (body)
        {
            throw KommoErrors.FromAmojo(body, what);
        }
    }

    public void Dispose() => http.Dispose();
}
