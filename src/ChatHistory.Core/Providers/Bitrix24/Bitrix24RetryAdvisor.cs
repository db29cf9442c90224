using System.Globalization;
using System.Text.Json;
using ChatHistory.Http;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Bitrix24 signals throttling in the body, with no Retry-After: QUERY_LIMIT_EXCEEDED (the leaky
/// bucket overflowed; back off) and OPERATION_TIME_LIMIT (a method used up its server time; wait
/// until time.operating_reset_at, a unix time in seconds).
/// </summary>
internal static class Bitrix24RetryAdvisor
{
    public static RetryAdvisor Create(TimeProvider time) => (response, token) => AdviseAsync(response, time, token);

    private static async ValueTask<RetryAdvice?> AdviseAsync(HttpResponseMessage response, TimeProvider time, CancellationToken token)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        // Buffered, so that the caller can still read the body when no retry follows.
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            return root.Str("error") switch
            {
                Bitrix24Errors.QueryLimitExceeded => new RetryAdvice(Bitrix24Errors.QueryLimitExceeded, null),
                Bitrix24Errors.OperationTimeLimit => new RetryAdvice(Bitrix24Errors.OperationTimeLimit, ResetDelay(root, time)),
                _ => null,
            };
        }
    }

    private static TimeSpan? ResetDelay(JsonElement root, TimeProvider time)
    {
        var reset = root.Obj("time")?.Str("operating_reset_at");
        if (!double.TryParse(reset, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var delay = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) - time.GetUtcNow();
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
