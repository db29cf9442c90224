using System.Runtime.CompilerServices;

namespace ChatHistory.Engine;

/// <summary>-Skip and -First over a stream: stops reading (and so stops HTTP traffic) after First.</summary>
public static class Paging
{
    public static async IAsyncEnumerable<T> SkipFirstAsync<T>(
        this IAsyncEnumerable<T> source, ulong skip, ulong? first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var window = new PagingWindow(skip, first);
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
