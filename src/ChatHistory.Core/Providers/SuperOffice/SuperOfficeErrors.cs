using System.Net;
using System.Text;
using System.Text.Json;
using ChatHistory.Http;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// Turns a failed WebAPI answer into a ChatHistoryException. The status decides, because the
/// error body is not documented and a wrong host answers with a proxy's HTML page.
/// </summary>
internal sealed class SuperOfficeErrors(SuperOfficeSettings settings)
{
    private const int MaxProviderMessageLength = 300;

    public async Task<ChatHistoryException> FromResponseAsync(
        HttpResponseMessage response, string what, string? sessionId, CancellationToken cancellationToken)
    {
        var providerMessage = await ProviderMessageAsync(response, cancellationToken).ConfigureAwait(false);
        var error = From(response.StatusCode, providerMessage, what);
        return sessionId is null ? error : error.ForSession(sessionId);
    }

    public ChatHistoryException From(HttpStatusCode status, string? providerMessage, string what)
    {
        var scheme = settings.Scheme;
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.MisdirectedRequest => new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                $"SuperOffice answered 421 Misdirected Request: the tenant URL {settings.TenantUrl} is wrong (this host does not serve that tenant).")
            {
                StatusCode = code,
                ProviderMessage = providerMessage,
                Hint = "Check -Url: use the host and customer id of the tenant as SuperOffice shows them, e.g. https://online.superoffice.com/Cust12345/api/v1 (sod.superoffice.com serves development tenants).",
            },
            HttpStatusCode.Unauthorized => new ChatHistoryException(
                ChatErrorKind.AuthenticationFailed, $"SuperOffice refused the {SchemeName(scheme)} credentials while reading {what}.")
            {
                StatusCode = code,
                ProviderMessage = providerMessage,
                Hint = AuthenticationHint(scheme),
            },
            HttpStatusCode.Forbidden => new ChatHistoryException(
                ChatErrorKind.AccessDenied, $"SuperOffice denied the {SchemeName(scheme)} user access to {what}.")
            {
                StatusCode = code,
                ProviderMessage = providerMessage,
                Hint = "The user needs a Chat licence and access to the chat topics; with an application token, the application must be approved for this tenant.",
            },
            HttpStatusCode.NotFound => new ChatHistoryException(ChatErrorKind.NotFound, $"Not found: {what}.")
            {
                StatusCode = code,
                ProviderMessage = providerMessage,
                Hint = "Check the id: Get-ChatSession lists the sessions this user can see.",
            },
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => new ChatHistoryException(
                ChatErrorKind.Throttled, $"SuperOffice kept answering {code} for {what}; retries ran out.")
            {
                StatusCode = code,
                ProviderMessage = providerMessage,
                Hint = "Try again later, or lower -RequestsPerSecond so that long exports stay under the tenant's limit.",
            },
            _ => StatusErrors.From(status, providerMessage, what),
        };
    }

    private static string SchemeName(SuperOfficeAuthScheme scheme) => scheme switch
    {
        SuperOfficeAuthScheme.Ticket => "SOTicket",
        SuperOfficeAuthScheme.Bearer => "Bearer",
        _ => "Basic",
    };

    private static string AuthenticationHint(SuperOfficeAuthScheme scheme) => scheme switch
    {
        SuperOfficeAuthScheme.Ticket =>
            "The credential ticket has expired or the application token does not belong to it: get a new ticket and run Connect-ChatProvider again.",
        SuperOfficeAuthScheme.Bearer =>
            "The access token has expired or was issued for another tenant: get a new token and run Connect-ChatProvider again (add -ApplicationToken if the tenant asks for it).",
        _ =>
            "Check the user name and password. Basic authentication works only on onsite installations; SuperOffice Online needs -Ticket with -ApplicationToken, or -AccessToken.",
    };

    /// <summary>The server's own words: a JSON error's text, or a short plain-text body; never an HTML page.</summary>
    private static async Task<string?> ProviderMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or DecoderFallbackException)
        {
            return null;
        }

        if (text.Length == 0 || text[0] == '<')
        {
            return null;
        }

        if (text[0] is '{' or '[')
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                var message = root.Str("Error") ?? root.Str("ErrorMessage") ?? root.Str("Message") ?? root.Str("error_description");
                var type = root.Str("ErrorType");
                return message is null ? null : Shorten(type is null ? message : $"{type}: {message}");
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return Shorten(text);
    }

    private static string Shorten(string text) => text.Length <= MaxProviderMessageLength ? text : text[..MaxProviderMessageLength] + "...";
}
