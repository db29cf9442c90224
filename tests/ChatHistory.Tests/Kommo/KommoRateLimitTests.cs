using System.Net;
using System.Text.Json;
using ChatHistory.Providers.Kommo;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Kommo;

namespace ChatHistory.Tests.Kommo;

/// <summary>
/// The simulator's stand-in for Kommo's "not more than 7 requests per second"
/// (https://developers.kommo.com/docs/limitations): off unless asked for, 429 past the limit.
/// </summary>
public class KommoRateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NoMoreThanTheLimitInAnyOneSecond()
    {
        var limit = new KommoRateLimit(7);

        var firstSecond = Enumerable.Range(0, 8).Select(i => limit.TryEnter(Start.AddMilliseconds(i * 100))).ToList();

        Assert.Equal([true, true, true, true, true, true, true, false], firstSecond);
        // One second after the first request, its place is free again; the others' are not.
        Assert.True(limit.TryEnter(Start.AddSeconds(1)));
        Assert.False(limit.TryEnter(Start.AddMilliseconds(1050)));
        Assert.Equal(2, limit.Refused);
    }

    [Fact]
    public void OffByDefault()
    {
        var limit = new KommoRateLimit(new KommoOptions().RequestsPerSecond);

        Assert.All(Enumerable.Range(0, 50), i => Assert.True(limit.TryEnter(Start)));
    }

    [Fact]
    public async Task AmojoAnswers429PastTheLimit()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Kommo = new KommoOptions { RequestsPerSecond = 1 } });
        var options = host.State.Kommo.Options;
        using var client = new HttpClient(new KommoSigningHandler(new Secret(options.ChannelSecret), TimeProvider.System) { InnerHandler = new SocketsHttpHandler() });
        var url = new Uri($"{host.KommoUrl}v2/origin/custom/{options.ScopeId}/chats/{host.State.Kommo.Data.Conversations[1].Id}/history?offset=0&limit=1");

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(429, body.RootElement.GetProperty("error_code").GetInt32());
        Assert.Equal(1, host.State.Kommo.RateLimit.Refused);
    }
}
