// In ChatHistory.Tests rather than .Support: .NET 10's System.Linq.AsyncEnumerable has a ToListAsync
// of the same shape, and an extension in an enclosing namespace wins over the implicit System.Linq
// import instead of being ambiguous with it. This one returns a Task, which Assert.ThrowsAsync takes.
namespace ChatHistory.Tests;

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
}
