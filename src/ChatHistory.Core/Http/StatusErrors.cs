using System.Net;

namespace ChatHistory.Http;

/// <summary>The error a plain HTTP status means when the provider's body says nothing finer.</summary>
public static class StatusErrors
{
    public static ChatHistoryException From(HttpStatusCode status, string? providerMessage, string what)
    {
        var code = (int)status;
        var (kind, message) = status switch
        {
            HttpStatusCode.Unauthorized => (ChatErrorKind.AuthenticationFailed, $"Authentication failed while reading {what}."),
            HttpStatusCode.Forbidden => (ChatErrorKind.AccessDenied, $"Access denied while reading {what}."),
            HttpStatusCode.NotFound => (ChatErrorKind.NotFound, $"Not found: {what}."),
            HttpStatusCode.TooManyRequests => (ChatErrorKind.Throttled, $"The server kept throttling requests for {what}; retries ran out."),
            _ when code >= 500 => (ChatErrorKind.ServerError, $"The server failed with {code} while reading {what}."),
            _ => (ChatErrorKind.ProtocolError, $"The server answered {code} while reading {what}."),
        };
        return new ChatHistoryException(kind, message) { StatusCode = code, ProviderMessage = providerMessage, Hint = HintFor(code) };
    }

    private static string? HintFor(int code) => code switch
    {
        >= 300 and < 400 => "The URL redirects elsewhere (redirects are not followed, so that credentials stay with the server named): "
            + "give Connect-ChatProvider the final address, usually https:// and without a trailing page name.",
        401 => "Check the credentials, then run Connect-ChatProvider again.",
        403 => "The account lacks a permission this read needs; ask the platform's administrator.",
        >= 500 => "The server failed; try again later. If it keeps failing, the platform's status page or administrator can tell why.",
        _ => null,
    };
}
