// In ChatHistory.Tests rather than .Support: .NET 10's System.Linq.AsyncEnumerable has a ToListAsync
// of the same shape, and an extension in an enclosing namespace wins over the implicit System.Linq
// import instead of being ambiguous with it. This one returns a Task, which Assert.ThrowsAsync takes.
namespace ChatHistory.Tests;

/// <summary>Reading a stream to its end, or to its first error.</summary>
public static class Collect
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>What a stream yielded before it failed, and the exception it failed with (null if it did not).</summary>
    public static async Task<(List<T> Items, Exception? Error)> UntilErrorAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                list.Add(item);
            }
        }
        catch (Exception exception)
        {
            return (list, exception);
        }

        return (list, null);
    }
}
