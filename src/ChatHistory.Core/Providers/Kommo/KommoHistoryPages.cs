using ChatHistory.Model;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// The pages of one conversation's history, for one read. amojo gives no total, so only a page
/// that is not full tells the end. Once a page has come back full the history is long: reading the
/// next page, this also asks for the one after it on a guess, which goes only on spare rate
/// capacity (<see cref="Http.SpareCapacity"/>) and saves a round trip when it is needed.
/// </summary>
internal sealed class KommoHistoryPages(KommoAmojoClient amojo, string conversationId, int pageSize, string connection, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    private (int Offset, Task<IReadOnlyList<ChatMessage>?> Page)? guess;

    /// <summary>
    /// The page at <paramref name="offset"/>: the guess for it when one came back, else read now.
    /// Pages go in pairs, a certain read and a guess: a page read in place of a guess that was not
    /// sent (or failed) guesses nothing itself, so that a guess past the end costs at most one
    /// request, whatever the timing.
    /// </summary>
    /// <param name="afterFullPage">The page before this one was full, so the page after this one is likely needed too.</param>
    public async Task<IReadOnlyList<ChatMessage>> ReadAsync(int offset, bool afterFullPage)
    {
        var inPlaceOfGuess = false;
        if (guess is { } pending && pending.Offset == offset)
        {
            guess = null;
            if (await pending.Page.ConfigureAwait(false) is { } guessed)
            {
                return guessed;
            }

            inPlaceOfGuess = true;
        }

        await DropGuessAsync().ConfigureAwait(false);
        var reading = ReadCertainAsync(offset);
        if (afterFullPage && !inPlaceOfGuess)
        {
            guess = (offset + pageSize, GuessAsync(offset + pageSize));
        }

        return await reading.ConfigureAwait(false);
    }

    /// <summary>
    /// Forgets the guess: it is not needed, or messages arrived before the page just read was
    /// served, and the guess, perhaps served before them, could miss the message they pushed onto it.
    /// </summary>
    public async Task DropGuessAsync()
    {
        if (guess is { } pending)
        {
            guess = null;
            await pending.Page.ConfigureAwait(false);
        }
    }

    /// <summary>A page read for certain; its errors are the read's.</summary>
    public async Task<IReadOnlyList<ChatMessage>> ReadCertainAsync(int offset)
    {
        using var page = await amojo.ReadHistoryAsync(conversationId, offset, pageSize, cancellationToken).ConfigureAwait(false);
        return KommoHistoryReader.Map(page, conversationId, connection);
    }

    /// <summary>No request outlives the read.</summary>
    public async ValueTask DisposeAsync() => await DropGuessAsync().ConfigureAwait(false);

    /// <summary>
    /// Null when the rate limit had no place free for the guess, or when it failed: the page is then
    /// read for certain if it is needed, and that read reports any error.
    /// </summary>
    private async Task<IReadOnlyList<ChatMessage>?> GuessAsync(int offset)
    {
        try
        {
            using var page = await amojo.ReadHistoryIfSpareAsync(conversationId, offset, pageSize, cancellationToken).ConfigureAwait(false);
            return page is null ? null : KommoHistoryReader.Map(page, conversationId, connection);
        }
        catch (Exception error) when (error is ChatHistoryException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
    }
}
