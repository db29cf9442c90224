using ChatHistory.Model;

namespace ChatHistory.Providers;

/// <summary>
/// The one place that refuses a lookup (-ChatId, -DialogId, -UserCode, -ContactId) a platform does
/// not have, so that no provider silently ignores it and returns every session instead.
/// </summary>
public static class UnsupportedLookups
{
    public static void Refuse(IChatProvider provider, ChatSessionQuery query)
    {
        var refused = query.Lookup.Keys.Where(key => !provider.Lookups.Contains(key)).Order(StringComparer.Ordinal).ToList();
        if (refused.Count == 0)
        {
            return;
        }

        var supported = provider.Lookups.Select(key => "-" + key).Prepend("-SessionId");
        throw new ChatHistoryException(
            ChatErrorKind.NotSupported,
            $"{DisplayName(provider.Kind)} cannot look sessions up by {string.Join(" or ", refused.Select(key => "-" + key))}; "
            + $"it looks them up by {string.Join(", ", supported)}.")
        {
            Hint = $"Leave out {string.Join(" and ", refused.Select(key => "-" + key))}: -ChatId, -DialogId and -UserCode are Bitrix24's, "
                + "-ContactId is SuperOffice's and Kommo's. Or list the sessions and filter them with Where-Object.",
        };
    }

    private static string DisplayName(ChatProviderKind kind) => kind switch
    {
        ChatProviderKind.RocketChat => "Rocket.Chat",
        _ => kind.ToString(),
    };
}
