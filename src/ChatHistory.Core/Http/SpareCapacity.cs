namespace ChatHistory.Http;

/// <summary>
/// Marks a request made on a guess, such as the page after next of a history whose length nobody
/// knows: it goes only if the connection's rate limit has a place free at once, so that a guess
/// never delays a request that is sure to be needed. A guess that finds no place is not sent, and
/// its sender gets <see cref="NoSpareCapacityException"/>.
/// </summary>
public static class SpareCapacity
{
    private static readonly HttpRequestOptionsKey<bool> Key = new("ChatHistory.SpareCapacity");

    public static HttpRequestMessage Mark(HttpRequestMessage request)
    {
        request.Options.Set(Key, true);
        return request;
    }

    public static bool IsRequested(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var guess) && guess;
}

/// <summary>A request marked with <see cref="SpareCapacity"/> was not sent: the rate limit had no place free.</summary>
public sealed class NoSpareCapacityException()
    : Exception("The request was a guess and the rate limit had no place free for it, so it was not sent.");
