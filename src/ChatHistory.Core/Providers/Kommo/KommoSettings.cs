using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Model;
using ChatHistory.Security;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// A Kommo custom chat channel: its scope_id and channel secret sign every amojo request. The
/// account URL and an API v4 access token are optional: they only serve to list a contact's chats.
/// </summary>
public sealed class KommoSettings : ChatConnectionSettings
{
    public static readonly Uri DefaultAmojoUrl = new("https://amojo.kommo.com/");

    /// <summary>{channel_id}_{amojo_account_id}, given when the channel was connected to the account.</summary>
    public required string ScopeId { get; init; }

    public required Secret ChannelSecret { get; init; }

    public Uri AmojoUrl { get; init; } = DefaultAmojoUrl;

    /// <summary>https://{subdomain}.kommo.com, for API v4.</summary>
    public Uri? AccountUrl { get; init; }

    /// <summary>API v4 bearer token (a long-lived token or an OAuth access token).</summary>
    public Secret? AccessToken { get; init; }

    public override ChatProviderKind Kind => ChatProviderKind.Kommo;

    public override string DisplayEndpoint => AmojoUrl.GetLeftPart(UriPartial.Path);

    /// <summary>Every account shares amojo's URL; the scope id (not a secret: it is part of every request path) tells them apart.</summary>
    public override string ServerIdentity => $"{base.ServerIdentity}/{ScopeId}";

    public override IEnumerable<Secret> Secrets => new[] { ChannelSecret, AccessToken }.OfType<Secret>();

    /// <summary>
    /// Kommo documents 7 requests per second and blocks the IP address of clients that keep exceeding
    /// it, without saying how it counts a second. A token bucket (7/s, burst 7) put up to 14 requests
    /// in one second, and even one token at a time let 8 into some rolling second as its timer
    /// jittered; the strictest reading, 7 in any rolling second on arrival, is kept exactly.
    /// </summary>
    public override HttpPolicy DefaultPolicy => new() { RequestsPerSecond = 7, Burst = 7, Counting = RateCounting.RollingWindow };

    public override IChatProvider CreateProvider(ProviderContext context)
    {
        if (string.IsNullOrWhiteSpace(ScopeId))
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument, "Kommo needs -ScopeId, the channel's scope_id ({channel_id}_{account_id}).");
        }

        if ((AccountUrl is null) != (AccessToken is null))
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                "Kommo's API v4 needs both -AccountUrl (https://{subdomain}.kommo.com) and -AccessToken, or neither.");
        }

        EndpointGuard.RequireSecure(AmojoUrl.ToString(), "-AmojoUrl");
        if (AccountUrl is not null)
        {
            EndpointGuard.RequireSecure(AccountUrl.ToString(), "-AccountUrl");
        }

        return new KommoProvider(this, context);
    }
}
