using System.Net;
using ChatHistory.Http;

namespace ChatHistory.Providers.Kommo;

/// <summary>amojo and API v4 failures as ChatHistoryExceptions with the hint that fits each.</summary>
internal static class KommoErrors
{
    public static ChatHistoryException FromAmojo(JsonBody body, string what)
    {
        var providerMessage = ProviderMessage(body);
        if (body.Status == HttpStatusCode.Forbidden)
        {
            // amojo answers 403 to a bad signature and to a Date more than 15 minutes off.
            return new ChatHistoryException(ChatErrorKind.AuthenticationFailed, $"amojo refused the request signature while reading {what}.")
            {
                StatusCode = 403,
                ProviderMessage = providerMessage,
                Hint = "Check -ChannelSecret (the custom channel's secret, not the integration's OAuth secret) and -ScopeId, "
                    + "and this computer's clock: amojo rejects requests whose Date is more than 15 minutes off.",
            };
        }

        var error = StatusErrors.From(body.Status, providerMessage, what);
        var hint = error.Kind switch
        {
            ChatErrorKind.NotFound => "Check -ScopeId ({channel_id}_{account_id}, given when the channel was connected) and -AmojoUrl.",
            ChatErrorKind.Throttled => "amojo allows about 7 requests per second and blocks the IP address of clients that keep exceeding it: lower -RequestsPerSecond.",
            _ => null,
        };
        return WithHint(error, hint);
    }

    public static ChatHistoryException FromAccountApi(JsonBody body, string what)
    {
        var error = StatusErrors.From(body.Status, ProviderMessage(body), what);
        var hint = error.Kind switch
        {
            ChatErrorKind.AuthenticationFailed => "The API v4 access token is invalid or expired: pass a valid long-lived token (or a fresh OAuth access token) as -AccessToken.",
            ChatErrorKind.AccessDenied => "The token's user needs the right to view contacts in this Kommo account.",
            ChatErrorKind.NotFound => "Check -AccountUrl: it is https://{subdomain}.kommo.com.",
            ChatErrorKind.Throttled => "Kommo's API v4 allows about 7 requests per second: lower -RequestsPerSecond.",
            _ => null,
        };
        return WithHint(error, hint);
    }

    /// <summary>amojo writes error_description / error_type; API v4 answers problem+json with title and detail.</summary>
    private static string? ProviderMessage(JsonBody body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var root = body.Root;
        var parts = new[]
        {
            root.Str("error_type") ?? root.Str("title"),
            root.Str("error_description") ?? root.Str("detail") ?? root.Str("error") ?? root.Str("message"),
        }.Where(part => !string.IsNullOrEmpty(part)).ToArray();
        return parts.Length == 0 ? null : string.Join(": ", parts);
    }

    private static ChatHistoryException WithHint(ChatHistoryException error, string? hint) =>
        new(error.Kind, error.Message) { StatusCode = error.StatusCode, ProviderMessage = error.ProviderMessage, Hint = hint };
}
