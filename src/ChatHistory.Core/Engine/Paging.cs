using System.Runtime.CompilerServices;

namespace ChatHistory.Engine;

/// <summary>-Skip and -First over a stream: stops reading (and so stops HTTP traffic) once First is reached.</summary>
public static class Paging
{
    public static IAsyncEnumerable<T> SkipFirstAsync<T>(
        this IAsyncEnumerable<T> source, ulong skip, ulong? first, CancellationToken cancellationToken = default) =>
        source.WithinAsync(new PagingWindow(skip, first), cancellationToken);

    /// <summary>The items the window admits; the window may span several streams of one pipeline run.</summary>
    public static async IAsyncEnumerable<T> WithinAsync<T>(
        this IAsyncEnumerable<T> source, PagingWindow window, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (window.IsFull)
        {
            yield break;
        }

        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (window.Admit())
            {
                yield return item;
            }

            if (window.IsFull)
            {
                yield break;
            }
        }
    }
}
