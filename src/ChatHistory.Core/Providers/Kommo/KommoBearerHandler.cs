using System.Net.Http.Headers;
using ChatHistory.Security;

namespace ChatHistory.Providers.Kommo;

/// <summary>Adds the API v4 access token as a bearer token to every account API request.</summary>
internal sealed class KommoBearerHandler(Secret accessToken) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken.Reveal());
        return base.SendAsync(request, cancellationToken);
    }
}
