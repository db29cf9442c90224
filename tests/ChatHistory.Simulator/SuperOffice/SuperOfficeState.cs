using System.Collections.Concurrent;

namespace ChatHistory.Simulator.SuperOffice;

/// <summary>The SuperOffice side of the simulator: options, data and the requests it saw.</summary>
public sealed class SuperOfficeState(SuperOfficeOptions options)
{
    public SuperOfficeOptions Options { get; } = options;

    public SuperOfficeData Data { get; } = new(options);

    /// <summary>Every request that reached the tenant, oldest first, for tests to inspect.</summary>
    public ConcurrentQueue<SeenRequest> SeenRequests { get; } = new();

    /// <summary>Who the Authorization header (and SO-AppToken) names: a user with or without Chat, or nobody.</summary>
    public SuperOfficeCaller Identify(string? authorization, string? appToken)
    {
        var (scheme, value) = Split(authorization);
        var options = Options;
        switch (scheme.ToLowerInvariant())
        {
            case "basic":
                var expected = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{options.UserName}:{options.Password}"));
                return value == expected ? SuperOfficeCaller.ChatUser : SuperOfficeCaller.Nobody;
            case "soticket":
                // Online refuses a ticket without the application's token.
                return value == options.Ticket && appToken == options.ApplicationToken ? SuperOfficeCaller.ChatUser : SuperOfficeCaller.Nobody;
            case "bearer":
                if (!string.IsNullOrEmpty(appToken) && appToken != options.ApplicationToken)
                {
                    return SuperOfficeCaller.Nobody;
                }

                return value == options.AccessToken ? SuperOfficeCaller.ChatUser
                    : value == options.RestrictedAccessToken ? SuperOfficeCaller.UserWithoutChat
                    : SuperOfficeCaller.Nobody;
            default:
                return SuperOfficeCaller.Nobody;
        }
    }

    private static (string Scheme, string Value) Split(string? authorization)
    {
        var text = authorization?.Trim() ?? string.Empty;
        var space = text.IndexOf(' ');
        return space < 0 ? (text, string.Empty) : (text[..space], text[(space + 1)..].Trim());
    }
}

/// <summary>A request as the tenant saw it: path, decoded query parameters and headers.</summary>
public sealed record SeenRequest(string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers);

public enum SuperOfficeCaller
{
    Nobody,
    UserWithoutChat,
    ChatUser,
}
