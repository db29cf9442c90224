using System.Runtime.CompilerServices;

namespace ChatHistory.Engine;

/// <summary>-Skip and -First over a stream: stops reading (and so stops HTTP traffic) after First.</summary>
public static class Paging
{
    public static async IAsyncEnumerable<T> SkipFirstAsync<T>(
        this IAsyncEnumerable<T> source, ulong skip, ulong? first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (first == 0)
        {
            yield break;
        }

        ulong seen = 0;
        ulong emitted = 0;
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (seen++ < skip)
            {
                continue;
            }

            yield return item;
            if (first is { } limit && ++emitted >= limit)
            {
                yield break;
            }
        }
    }
}
