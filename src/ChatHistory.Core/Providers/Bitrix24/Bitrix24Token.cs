using System.Net;
using ChatHistory.Diagnostics;
using ChatHistory.Http;
using ChatHistory.Security;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// The OAuth access token in use, and its renewal through the OAuth server when the portal
/// answers expired_token. Concurrent calls that fail with the same old token renew it once.
/// </summary>
internal sealed class Bitrix24Token(Bitrix24Settings settings, Redactor redactor)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Secret? refreshToken = settings.RefreshToken;

    public Secret Current { get; private set; } = settings.AccessToken!;

    public bool CanRefresh => refreshToken is not null && settings.ClientId is not null && settings.ClientSecret is not null;

    /// <summary>Renews the token unless another call already replaced <paramref name="expired"/>.</summary>
    public async Task RefreshAsync(HttpClient client, Secret expired, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(Current, expired))
            {
                return;
            }

            var server = settings.OAuthServerUrl.ToString().TrimEnd('/') + "/";
            var url = new Uri(new Uri(server), "oauth/token/") + new QueryString()
                .Add("grant_type", "refresh_token")
                .Add("client_id", settings.ClientId)
                .Add("client_secret", settings.ClientSecret!.Reveal())
                .Add("refresh_token", refreshToken!.Reveal())
                .ToString();
            using var body = await client.GetJsonAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
            var accessToken = body.IsSuccess ? body.Root.Str("access_token") : null;
            if (accessToken is null)
            {
                var (code, description) = Bitrix24Errors.Read(body);
                throw new ChatHistoryException(ChatErrorKind.AuthenticationFailed, "The Bitrix24 access token expired and could not be renewed.")
                {
                    StatusCode = (int)body.Status,
                    ProviderMessage = code is null ? null : $"{code}: {description}",
                    Hint = body.Status == HttpStatusCode.OK
                        ? "The OAuth server's answer had no access_token."
                        : "The refresh token is used up or revoked, or the client id/secret are wrong: connect again with fresh tokens.",
                };
            }

            var renewed = new Secret(accessToken);
            redactor.Add(renewed);
            if (body.Root.Str("refresh_token") is { } nextRefresh)
            {
                // Bitrix24 refresh tokens are single use: the answer carries the next one.
                refreshToken = new Secret(nextRefresh);
                redactor.Add(refreshToken);
            }

            Current = renewed;
            ChatLog.Current.Verbose("The Bitrix24 access token expired; renewed it through the OAuth server.");
        }
        finally
        {
            gate.Release();
        }
    }
}
