namespace ChatHistory.Tests.Support;

/// <summary>Reading a stream to its end or to its first error. (ToListAsync comes with .NET 10's System.Linq.AsyncEnumerable.)</summary>
public static class Collect
{
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
