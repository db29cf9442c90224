using System.Globalization;
using System.Net;

namespace ChatHistory.Bench.Limits;

/// <summary>
/// What an admin's afternoon script does with Invoke-RestMethod: one request at a time, and on
/// 429 or 503 it waits what the server says (Retry-After, else Rocket.Chat's X-RateLimit-Reset),
/// or one second when the server says nothing (Bitrix24's QUERY_LIMIT_EXCEEDED, Kommo), then asks again.
/// </summary>
public sealed class NaiveHttp(HttpClient client)
{
    private static readonly TimeSpan Unsaid = TimeSpan.FromSeconds(1);

    public HttpClient Client => client;

    /// <summary>The successful answer's body; <paramref name="request"/> builds a fresh request for each try.</summary>
    public async Task<byte[]> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await client.SendAsync(request(), cancellationToken);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(WaitFor(response), cancellationToken);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return [];
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
    }

    private static TimeSpan WaitFor(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.First(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetMs))
        {
            var wait = DateTimeOffset.FromUnixTimeMilliseconds(resetMs) - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return Unsaid;
    }
}
