using System.Runtime.CompilerServices;
using ChatHistory.Connections;
using ChatHistory.Providers;

namespace ChatHistory.Engine;

/// <summary>
/// Get-ChatSession's reads: a listing, whose failure ends the run, or sessions named by id, read
/// one id at a time so that an id that fails (unknown, refused) is that id's error and the other
/// ids still arrive.
/// </summary>
public static class SessionReader
{
    public static IAsyncEnumerable<SessionStreamItem> ReadAsync(ChatConnection connection, ChatSessionQuery query, CancellationToken cancellationToken) =>
        query.SessionIds.Count == 0
            ? ListAsync(connection, query, cancellationToken)
            : ByIdAsync(connection, query, cancellationToken);

    private static async IAsyncEnumerable<SessionStreamItem> ListAsync(
        ChatConnection connection, ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var session in connection.GetSessionsAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return SessionStreamItem.Of(session);
        }
    }

    private static async IAsyncEnumerable<SessionStreamItem> ByIdAsync(
        ChatConnection connection, ChatSessionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var sessionId in query.SessionIds)
        {
            // A filter the platform refuses concerns every id, so it still ends the run (before any request).
            await using var sessions = connection.GetSessionsAsync(query with { SessionIds = [sessionId] }, cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                SessionStreamItem item;
                try
                {
                    if (!await sessions.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    item = SessionStreamItem.Of(sessions.Current);
                }
                catch (ChatHistoryException error) when (error.Kind != ChatErrorKind.NotSupported)
                {
                    item = SessionStreamItem.Failed(error.SessionId is null ? error.ForSession(sessionId) : error);
                }

                yield return item;
                if (item.Error is not null)
                {
                    break;
                }
            }
        }
    }
}
