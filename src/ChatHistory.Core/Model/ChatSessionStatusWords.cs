namespace ChatHistory.Model;

/// <summary>
/// The module's own words for a session's state, the same for every platform: what
/// <see cref="ChatSession.Status"/> holds and what Get-ChatSession -Status filters on.
/// </summary>
public static class ChatSessionStatusWords
{
    public const string Open = nameof(ChatSessionStatus.Open);
    public const string Closed = nameof(ChatSessionStatus.Closed);

    public static string Of(bool closed) => closed ? Closed : Open;
}
