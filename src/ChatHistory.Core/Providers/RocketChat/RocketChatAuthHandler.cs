namespace ChatHistory.Providers.RocketChat;

/// <summary>Adds X-User-Id and X-Auth-Token to every request once a token is known.</summary>
internal sealed class RocketChatAuthHandler(RocketChatToken token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (token.Current is { } current)
        {
            request.Headers.Remove("X-User-Id");
            request.Headers.Remove("X-Auth-Token");
            request.Headers.Add("X-User-Id", current.UserId);
            request.Headers.Add("X-Auth-Token", current.AuthToken.Reveal());
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The token in use: given up front, or obtained by logging in.</summary>
internal sealed class RocketChatToken
{
    public (string UserId, Security.Secret AuthToken)? Current { get; set; }
}
