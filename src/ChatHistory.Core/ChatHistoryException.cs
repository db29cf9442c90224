namespace ChatHistory;

/// <summary>
/// The one exception type Core lets out. Its message is safe to show: it never holds a secret.
/// </summary>
public sealed class ChatHistoryException : Exception
{
    public ChatHistoryException(ChatErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public ChatErrorKind Kind { get; }

    /// <summary>A stable id for scripts to switch on, e.g. ChatHistory.AccessDenied.</summary>
    public string ErrorId => "ChatHistory." + Kind;

    /// <summary>The session the error belongs to, when it belongs to one.</summary>
    public string? SessionId { get; init; }

    /// <summary>The provider's own error code and text, when it sent one.</summary>
    public string? ProviderMessage { get; init; }

    /// <summary>What the user can do about it.</summary>
    public string? Hint { get; init; }

    public int? StatusCode { get; init; }

    public ChatHistoryException ForSession(string sessionId) =>
        SessionId == sessionId
            ? this
            : new ChatHistoryException(Kind, Message, InnerException)
            {
                SessionId = sessionId,
                ProviderMessage = ProviderMessage,
                Hint = Hint,
                StatusCode = StatusCode,
            };
}
