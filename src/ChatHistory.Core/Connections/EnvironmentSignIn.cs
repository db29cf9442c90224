using ChatHistory.Model;

namespace ChatHistory.Connections;

/// <summary>One documented environment variable that Connect-ChatProvider -FromEnvironment reads.</summary>
public sealed record EnvironmentVariable(ChatProviderKind Provider, string Key, bool Required, bool IsSecret)
{
    /// <summary>CHATHISTORY_&lt;PROVIDER&gt;_&lt;KEY&gt;, e.g. CHATHISTORY_ROCKETCHAT_AUTHTOKEN.</summary>
    public string Name => $"CHATHISTORY_{Provider.ToString().ToUpperInvariant()}_{Key}";
}

/// <summary>
/// Unattended sign-in: the variables each platform's -FromEnvironment set reads, and reading them.
/// Errors name the variables that are missing, never a value.
/// </summary>
public static class EnvironmentSignIn
{
    public const string Url = "URL";
    public const string UserId = "USERID";
    public const string AuthToken = "AUTHTOKEN";
    public const string WebhookUrl = "WEBHOOKURL";
    public const string AccessToken = "ACCESSTOKEN";
    public const string ApplicationToken = "APPLICATIONTOKEN";
    public const string ScopeId = "SCOPEID";
    public const string ChannelSecret = "CHANNELSECRET";
    public const string AmojoUrl = "AMOJOURL";
    public const string AccountUrl = "ACCOUNTURL";

    public static IReadOnlyList<EnvironmentVariable> Variables(ChatProviderKind provider) => provider switch
    {
        ChatProviderKind.RocketChat =>
        [
            new(provider, Url, Required: true, IsSecret: false),
            new(provider, UserId, Required: true, IsSecret: false),
            new(provider, AuthToken, Required: true, IsSecret: true),
        ],
        ChatProviderKind.Bitrix24 =>
        [
            new(provider, WebhookUrl, Required: true, IsSecret: true),
        ],
        ChatProviderKind.SuperOffice =>
        [
            new(provider, Url, Required: true, IsSecret: false),
            new(provider, AccessToken, Required: true, IsSecret: true),
            new(provider, ApplicationToken, Required: false, IsSecret: true),
        ],
        ChatProviderKind.Kommo =>
        [
            new(provider, ScopeId, Required: true, IsSecret: false),
            new(provider, ChannelSecret, Required: true, IsSecret: true),
            new(provider, AmojoUrl, Required: false, IsSecret: false),
            new(provider, AccountUrl, Required: false, IsSecret: false),
            new(provider, AccessToken, Required: false, IsSecret: true),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The provider's variables that are set (non-blank), by key; throws when a required one is missing.</summary>
    public static IReadOnlyDictionary<string, string> Read(ChatProviderKind provider, Func<string, string?> lookup)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var variable in Variables(provider))
        {
            var value = lookup(variable.Name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[variable.Key] = value.Trim();
            }
            else if (variable.Required)
            {
                missing.Add(variable.Name);
            }
        }

        if (missing.Count > 0)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                $"-FromEnvironment needs {string.Join(", ", missing)} set for {provider}.")
            {
                Hint = "Set them in the scheduled task's environment (or the process before Connect-ChatProvider); "
                    + $"{provider} reads {string.Join(", ", Variables(provider).Select(v => v.Name + (v.Required ? string.Empty : " (optional)")))}.",
            };
        }

        return values;
    }
}
