using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ChatHistory.Http;

namespace ChatHistory.Tests.Http;

public class ServerRetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = ServerRetryDelay.AbsoluteTimeMargin;

    [Fact]
    public void RetryAfterSeconds()
    {
        using var response = Response(HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", "7");

        Assert.Equal(TimeSpan.FromSeconds(7), ServerRetryDelay.From(response, Now));
    }

    [Fact]
    public void RetryAfterHttpDate()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable);
        response.Headers.Add("Retry-After", Now.AddSeconds(90).ToString("r", CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(90) + Margin, ServerRetryDelay.From(response, Now));
    }

    [Fact]
    public void RetryAfterDateInThePastIsOnlyTheMargin()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(-5));

        Assert.Equal(Margin, ServerRetryDelay.From(response, Now));
    }

    [Fact]
    public void MarginIsSmallNextToAnyRealWindow()
    {
        Assert.InRange(Margin, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void RetryAfterWinsOverRateLimitReset()
    {
        using var response = Response(HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", "2");
        response.Headers.Add("X-RateLimit-Reset", Now.AddSeconds(40).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(2), ServerRetryDelay.From(response, Now));
    }

    [Fact]
    public void RateLimitResetInEpochMillisecondsOnA429()
    {
        using var response = Response(HttpStatusCode.TooManyRequests);
        response.Headers.Add("X-RateLimit-Reset", Now.AddMilliseconds(2500).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromMilliseconds(2500) + Margin, ServerRetryDelay.From(response, Now));
    }

    [Fact]
    public void RateLimitResetOnASuccessIsNotAWait()
    {
        // Rocket.Chat sends X-RateLimit-Reset on every answer; only a 429 asks the client to wait.
        using var response = Response(HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Reset", Now.AddSeconds(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

        Assert.Null(ServerRetryDelay.From(response, Now));
    }

    [Fact]
    public void RateLimitResetAlreadyPastIsOnlyTheMargin()
    {
        using var response = Response(HttpStatusCode.TooManyRequests);
        response.Headers.Add("X-RateLimit-Reset", Now.AddSeconds(-3).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

        Assert.Equal(Margin, ServerRetryDelay.From(response, Now));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public void NoHeaderIsNull(HttpStatusCode status)
    {
        using var response = Response(status);

        Assert.Null(ServerRetryDelay.From(response, Now));
    }

    private static HttpResponseMessage Response(HttpStatusCode status) => new(status);
}
