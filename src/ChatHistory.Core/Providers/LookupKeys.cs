namespace ChatHistory.Providers;

/// <summary>The keys of <see cref="ChatSessionQuery.Lookup"/>: ways to name one conversation that only some providers have.</summary>
public static class LookupKeys
{
    /// <summary>Bitrix24 CHAT_ID (an integer).</summary>
    public const string ChatId = "ChatId";

    /// <summary>Bitrix24 DIALOG_ID, chat&lt;CHAT_ID&gt;.</summary>
    public const string DialogId = "DialogId";

    /// <summary>Bitrix24 USER_CODE, connector|line|chat|user.</summary>
    public const string UserCode = "UserCode";

    /// <summary>Kommo contact id, resolved to its chats through API v4.</summary>
    public const string ContactId = "ContactId";
}
