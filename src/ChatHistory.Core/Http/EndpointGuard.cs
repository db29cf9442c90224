using System.Net;

namespace ChatHistory.Http;

/// <summary>Refuses plain http:// except to this machine, where the simulator and tests live.</summary>
public static class EndpointGuard
{
    public static Uri RequireSecure(string url, string parameterName)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ChatHistoryException(ChatErrorKind.InvalidArgument, $"{parameterName} must be an absolute https:// URL.");
        }

        if (uri.UserInfo.Length > 0)
        {
            // Credentials in a URL would be shown wherever the endpoint is: pass them as parameters.
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument, $"{parameterName} must not contain a user name or password; pass them with -Credential or a token parameter.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                $"{parameterName} uses http://, which would send credentials in clear text. Use https:// (http:// is accepted only for loopback addresses).");
        }

        return uri;
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
