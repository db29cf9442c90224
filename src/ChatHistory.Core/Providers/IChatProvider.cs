using ChatHistory.Model;

namespace ChatHistory.Providers;

/// <summary>
/// One help-desk platform. Implementations stream page by page and never buffer a whole export.
/// A failure for one session is thrown as a <see cref="ChatHistoryException"/> after the messages
/// already read have been yielded.
/// </summary>
public interface IChatProvider : IDisposable
{
    ChatProviderKind Kind { get; }

    /// <summary>The <see cref="LookupKeys"/> this platform can look sessions up by; others are refused.</summary>
    IReadOnlyCollection<string> Lookups { get; }

    /// <summary>Checks the credentials with one cheap call; throws ChatHistoryException when they fail.</summary>
    Task<ConnectionInfo> VerifyAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<ChatSession> GetSessionsAsync(ChatSessionQuery query, CancellationToken cancellationToken);

    /// <summary>One session's messages, oldest first.</summary>
    IAsyncEnumerable<ChatMessage> GetMessagesAsync(string sessionId, ChatMessageQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// GETs an attachment that lives on this platform's own server (the scheme, host and port of the
    /// connection's endpoint) with the platform's credentials, through the connection's pipeline;
    /// returns once the headers are in, the body still to be streamed. Null for any other host:
    /// such a link is fetched without the platform's credentials.
    /// </summary>
    Task<HttpResponseMessage?> OpenAttachmentAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>A provider that reads many sessions' messages in one round trip (Bitrix24 batch).</summary>
public interface IBatchMessageProvider
{
    int MaxSessionsPerBatch { get; }

    /// <summary>One outcome per session id, in the order given.</summary>
    IAsyncEnumerable<SessionMessages> GetMessagesBatchAsync(
        IReadOnlyList<string> sessionIds, ChatMessageQuery query, CancellationToken cancellationToken);
}

/// <summary>A session's messages, or the error that stopped them, from a batch read.</summary>
public sealed record SessionMessages(string SessionId, IReadOnlyList<ChatMessage> Messages, ChatHistoryException? Error);

/// <summary>What the server said about the account when the connection was checked.</summary>
public sealed record ConnectionInfo(string? Account, string? ServerVersion);
