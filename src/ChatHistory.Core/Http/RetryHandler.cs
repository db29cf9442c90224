using System.Net;
using ChatHistory.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ChatHistory.Http;

/// <summary>
/// Retries transport faults, timeouts and throttling answers with bounded exponential backoff and
/// jitter, waiting as long as the server asked when it said so. Every wait is cancellable.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<Attempt> pipeline;
    private readonly HttpPolicy policy;
    private readonly RetryAdvisor? advisor;
    private readonly TimeProvider time;

    public RetryHandler(HttpPolicy policy, RetryAdvisor? advisor, TimeProvider time)
    {
        this.policy = policy;
        this.advisor = advisor;
        this.time = time;
        // Outermost: the deadline of the whole request, retries included.
        var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = time }.AddTimeout(policy.RequestTimeout);
        if (policy.MaxAttempts > 1)
        {
            // Polly refuses a retry strategy with no retries, so a single attempt simply has none.
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = policy.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.BaseDelay,
                MaxDelay = policy.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome, policy.MaxDelay)),
                OnRetry = args =>
                {
                    ChatLog.Current.Verbose(
                        $"Retry {args.AttemptNumber + 1} of {policy.MaxAttempts - 1} in {args.RetryDelay.TotalSeconds:0.0} s: {Describe(args.Outcome)}");
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        // Each attempt's own timeout is an AttemptClock that starts after pacing (see SendAttemptAsync).
        pipeline = builder.Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await SendWithRetriesAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(request.RequestUri, timeout.Timeout);
        }
    }

    /// <summary>Says which limit ran out, at which server, and how to give it longer.</summary>
    private ChatHistoryException TimedOut(Uri? uri, TimeSpan limit)
    {
        var server = uri?.GetLeftPart(UriPartial.Authority) ?? "The server";
        var what = limit == policy.RequestTimeout
            ? $"{server} did not complete a request within {Seconds(limit)}, retries included"
            : $"{server} did not answer within {Seconds(limit)}, {policy.MaxAttempts} attempts in a row";
        return new ChatHistoryException(ChatErrorKind.ConnectionFailed, what + ".")
        {
            Hint = "Check that the server is up and reachable from here; Connect-ChatProvider -TimeoutSec gives each request longer.",
        };
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = await pipeline.ExecuteAsync(
            token => SendAttemptAsync(request, token),
            cancellationToken).ConfigureAwait(false);
        return attempt.Response;
    }

    private async ValueTask<Attempt> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var clock = new AttemptClock(policy.AttemptTimeout, time);
        using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, clock.Token);
        clock.AttachTo(request);
        try
        {
            var response = await base.SendAsync(request, attemptToken.Token).ConfigureAwait(false);
            if (StreamedResponse.IsRequested(request) && response.IsSuccessStatusCode)
            {
                return new Attempt(response, null);
            }

            try
            {
                // The body is read inside the attempt, so that a connection cut or stalled
                // mid-body is retried and timed out like one that fails before the headers.
                await BufferedContent.BufferAsync(response, attemptToken.Token).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            return new Attempt(response, await AdviseAsync(response, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException exception) when (clock.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutRejectedException("The attempt timed out.", clock.Timeout, exception);
        }
    }

    private async ValueTask<RetryAdvice?> AdviseAsync(HttpResponseMessage response, CancellationToken token)
    {
        if (advisor is not null && await advisor(response, token).ConfigureAwait(false) is { } advice)
        {
            return advice;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway
                or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout
                => new RetryAdvice($"{(int)response.StatusCode} {response.ReasonPhrase}", ServerRetryDelay.From(response, time.GetUtcNow())),
            _ => null,
        };
    }

    private static bool ShouldRetry(Outcome<Attempt> outcome, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return false;
        }

        return outcome.Exception switch
        {
            null => outcome.Result?.Advice is not null,
            HttpRequestException or IOException or TimeoutRejectedException => true,
            _ => false,
        };
    }

    private static TimeSpan? ServerDelay(Outcome<Attempt> outcome, TimeSpan max) =>
        outcome.Result?.Advice?.Delay is { } delay ? (delay > max ? max : delay) : null;

    private static string Describe(Outcome<Attempt> outcome) =>
        outcome.Exception is { } exception
            ? exception is TimeoutRejectedException ? "the attempt timed out" : "the connection failed"
            : outcome.Result?.Advice?.Reason ?? "retryable answer";

    private sealed record Attempt(HttpResponseMessage Response, RetryAdvice? Advice) : IDisposable
    {
        public void Dispose() => Response.Dispose();
    }
}
