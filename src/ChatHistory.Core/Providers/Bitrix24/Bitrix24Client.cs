using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatHistory.Connections;
using ChatHistory.Http;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Calls one REST method: POSTs its parameters as JSON (with auth= for OAuth), renews an expired
/// token once, and turns any error body into a ChatHistoryException. Throttling answers are
/// retried below, in the pipeline, through <see cref="Bitrix24RetryAdvisor"/>.
/// </summary>
internal sealed class Bitrix24Client : IDisposable
{
    private readonly Bitrix24Endpoint endpoint;
    private readonly Bitrix24Token? token;
    private readonly ChatHttpPipeline http;
    private readonly Bitrix24OperatingBudget operatingBudget;

    public Bitrix24Client(Bitrix24Settings settings, Bitrix24Endpoint endpoint, ProviderContext context)
    {
        this.endpoint = endpoint;
        token = endpoint.IsWebhook ? null : new Bitrix24Token(settings, context.Redactor);
        http = new ChatHttpPipeline(context.Policy, context.Redactor, retryAdvisor: Bitrix24RetryAdvisor.Create(context.Time), time: context.Time);
        operatingBudget = new Bitrix24OperatingBudget(context.Time);
    }

    public Uri Portal => endpoint.Portal;

    /// <summary>The body of a successful call; the caller disposes it.</summary>
    public async Task<JsonBody> CallAsync(
        string method, JsonObject parameters, string what, CancellationToken cancellationToken, string? sessionId = null)
    {
        var (body, _) = await CallReadingAsync<bool>(method, parameters, what, readResult: null, cancellationToken, sessionId).ConfigureAwait(false);
        return body;
    }

    /// <summary>
    /// The result of a successful call as <paramref name="readResult"/> reads it, in the same pass
    /// over the answer that finds its error and time block: a large answer is read once.
    /// </summary>
    public async Task<T?> CallAsync<T>(
        string method, JsonObject parameters, string what, ResultReader<T> readResult, CancellationToken cancellationToken, string? sessionId = null)
    {
        var (body, answer) = await CallReadingAsync(method, parameters, what, readResult, cancellationToken, sessionId).ConfigureAwait(false);
        body.Dispose();
        return answer.Result;
    }

    private async Task<(JsonBody Body, Bitrix24Answer<T> Answer)> CallReadingAsync<T>(
        string method, JsonObject parameters, string what, ResultReader<T>? readResult, CancellationToken cancellationToken, string? sessionId)
    {
        var usedToken = token?.Current;
        var (body, answer) = await SendAsync(method, parameters, readResult, cancellationToken).ConfigureAwait(false);
        if (!Succeeded(body, answer.IsError) && token is { CanRefresh: true } && usedToken is not null
            && Bitrix24Errors.Read(body).Code == Bitrix24Errors.ExpiredToken)
        {
            body.Dispose();
            await token.RefreshAsync(http.Client, usedToken, cancellationToken).ConfigureAwait(false);
            (body, answer) = await SendAsync(method, parameters, readResult, cancellationToken).ConfigureAwait(false);
        }

        if (Succeeded(body, answer.IsError))
        {
            return (body, answer);
        }

        using (body)
        {
            throw Bitrix24Errors.From(body, what, sessionId);
        }
    }

    /// <summary>
    /// A file link (urlDownload) on the portal: with OAuth the token goes as auth=, which only the
    /// portal ever sees, and an expired token (401) is renewed once as for REST calls; a webhook has
    /// nothing to add, its secret works for REST methods only [guess].
    /// </summary>
    public async Task<HttpResponseMessage?> OpenFileAsync(Uri url, CancellationToken cancellationToken)
    {
        var usedToken = token?.Current;
        var response = await OpenFileWithAsync(url, usedToken, cancellationToken).ConfigureAwait(false);
        if (response is { StatusCode: System.Net.HttpStatusCode.Unauthorized } && token is { CanRefresh: true } && usedToken is not null)
        {
            response.Dispose();
            await token.RefreshAsync(http.Client, usedToken, cancellationToken).ConfigureAwait(false);
            response = await OpenFileWithAsync(url, token.Current, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private Task<HttpResponseMessage?> OpenFileWithAsync(Uri url, Security.Secret? accessToken, CancellationToken cancellationToken) =>
        AttachmentRequests.OpenIfOwnAsync(http.Client, Portal, url, cancellationToken, accessToken is null ? null : request =>
        {
            var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
            request.RequestUri = new Uri(url.AbsoluteUri + separator + "auth=" + Uri.EscapeDataString(accessToken.Reveal()));
        });

    public void Dispose() => http.Dispose();

    private static bool Succeeded(JsonBody body, bool isError) => body.IsSuccess && !body.IsEmpty && !isError;

    private async Task<(JsonBody Body, Bitrix24Answer<T> Answer)> SendAsync<T>(
        string method, JsonObject parameters, ResultReader<T>? readResult, CancellationToken cancellationToken)
    {
        var payload = (JsonObject)parameters.DeepClone();
        if (token is not null)
        {
            // In the body, not the query string, so that no proxy log ever holds the token.
            payload["auth"] = token.Current.Reveal();
        }

        await operatingBudget.WaitAsync(method, cancellationToken).ConfigureAwait(false);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.MethodUrl(method))
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var body = await http.Client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.IsEmpty)
        {
            return (body, default);
        }

        try
        {
            var answer = readResult is null ? Bitrix24Answer<T>.FromDocument(body) : Bitrix24Answer<T>.Read(body.Utf8, readResult);
            operatingBudget.Record(method, answer.Operating, answer.OperatingResetAt);
            return (body, answer);
        }
        catch (JsonException malformed)
        {
            body.Dispose();
            throw body.Malformed(malformed);
        }
        catch
        {
            body.Dispose(); // the body holds a pooled buffer
            throw;
        }
    }
}
