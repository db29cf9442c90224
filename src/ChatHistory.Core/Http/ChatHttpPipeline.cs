using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using ChatHistory.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace ChatHistory.Http;

/// <summary>
/// One connection's HttpClient: retry, then the client-side rate limit, then the provider's auth
/// (or signing) handler, then logging, so that every attempt is limited, authenticated afresh and
/// logged.
/// </summary>
public sealed class ChatHttpPipeline : IDisposable
{
    private const string ClientName = "ChatHistory";
    private static readonly string UserAgent =
        "ChatHistory/" + typeof(ChatHttpPipeline).Assembly.GetName().Version?.ToString(3);

    private readonly ServiceProvider services;
    private readonly RateLimiter? limiter;

    /// <param name="serverWindowRoute">
    /// For a server that announces per-route rate windows (X-RateLimit-*): names the route a
    /// request counts against, so that the client waits for a spent window to reset.
    /// </param>
    public ChatHttpPipeline(
        HttpPolicy policy,
        Redactor redactor,
        Func<DelegatingHandler>? authHandler = null,
        RetryAdvisor? retryAdvisor = null,
        TimeProvider? time = null,
        Func<HttpRequestMessage, string>? serverWindowRoute = null)
    {
        time ??= TimeProvider.System;
        limiter = policy.RequestsPerSecond > 0 ? CreateLimiter(policy, time) : null;
        var serverWindows = serverWindowRoute is null ? null : new ServerRateWindows(serverWindowRoute, time);
        var describedRate = policy.Counting == RateCounting.RollingWindow
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, policy.Burst)} in any {Math.Max(1, policy.Burst) / policy.RequestsPerSecond:0.##} s")
            : string.Create(CultureInfo.InvariantCulture, $"{policy.RequestsPerSecond:0.##}/s, burst {policy.Burst}");

        var collection = new ServiceCollection();
        var builder = collection.AddHttpClient(ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own timeout in RetryHandler
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(() => new RetryHandler(policy, retryAdvisor, time))
            .AddHttpMessageHandler(() => new RateLimitHandler(limiter, describedRate, serverWindows));
        if (authHandler is not null)
        {
            builder.AddHttpMessageHandler(authHandler);
        }

        builder.AddHttpMessageHandler(() => new LoggingHandler(redactor));
        // The factory's own logging handler would log full URLs, which carry secrets for some providers.
        collection.RemoveAll<IHttpMessageHandlerBuilderFilter>();
        services = collection.BuildServiceProvider();
        Client = services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
    }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        services.Dispose();
        limiter?.Dispose();
    }

    private static RateLimiter CreateLimiter(HttpPolicy policy, TimeProvider time)
    {
        if (policy.Counting == RateCounting.RollingWindow)
        {
            return RollingWindowLimiter.For(policy, time);
        }

        // One token at a time, so that the steady rate is smooth rather than released in lumps.
        var rate = policy.RequestsPerSecond;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, policy.Burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / rate),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
