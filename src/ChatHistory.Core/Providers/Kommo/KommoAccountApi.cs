using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Security;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// Kommo's account API v4, used only to find a contact's chats. It is another service than amojo,
/// with its own bearer token and its own rate limit, so it has its own pipeline.
/// </summary>
internal sealed class KommoAccountApi : IDisposable
{
    private readonly ChatHttpPipeline http;
    private readonly Uri root;

    public KommoAccountApi(Uri accountUrl, Secret accessToken, ProviderContext context)
    {
        var url = accountUrl.ToString();
        root = new Uri(url.EndsWith('/') ? url : url + "/");
        http = new ChatHttpPipeline(context.Policy, context.Redactor, () => new KommoBearerHandler(accessToken), time: context.Time);
    }

    /// <summary>Checks the token; returns the account's name.</summary>
    public async Task<string?> AccountNameAsync(CancellationToken cancellationToken)
    {
        using var body = await GetAsync("api/v4/account", "the Kommo account", cancellationToken).ConfigureAwait(false);
        return body.IsEmpty ? null : body.Root.Str("name") ?? body.Root.Str("subdomain");
    }

    /// <summary>The contact's chat links (<c>_embedded.chats[]</c>: chat_id, contact_id, id); none when the answer is 204.</summary>
    public async IAsyncEnumerable<JsonElement> ContactChatsAsync(string contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = "api/v4/contacts/chats" + new QueryString().Add("contact_id", contactId);
        using var body = await GetAsync(path, $"the chats of contact {contactId}", cancellationToken).ConfigureAwait(false);
        if (body.IsEmpty)
        {
            yield break;
        }

        foreach (var chat in body.Root.Obj("_embedded")?.Items("chats") ?? [])
        {
            // Clone: the element must outlive the response's document.
            yield return chat.Clone();
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonBody> GetAsync(string relative, string what, CancellationToken cancellationToken)
    {
        var body = await http.Client.GetJsonAsync(new Uri(root, relative), cancellationToken).ConfigureAwait(false);
        if (body.IsSuccess)
        {
            return body;
        }

        using (body)
        {
            throw KommoErrors.FromAccountApi(body, what);
        }
    }
}
