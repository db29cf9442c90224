using ChatHistory.Diagnostics;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>The channel secret and the API v4 token never reach a log line, an error or an output object.</summary>
public class KommoSecretTests
{
    private const string ChannelCanary = "canary-channel-secret-7c1e5a";
    private const string TokenCanary = "canary-api-v4-token-3b9d2f";

    [Fact]
    public async Task CanarySecretsAppearNowhere()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Kommo = new KommoOptions { ChannelSecret = ChannelCanary, AccessToken = TokenCanary },
        });
        var data = host.State.Kommo.Data;
        var log = new RecordingLog();
        var texts = new List<string?>();
        using (ChatLog.Use(log))
        {
            using var connection = await Connect.KommoAsync(host);
            texts.Add(connection.ToString());
            var sessions = await connection.GetSessionsAsync(
                new ChatSessionQuery { Lookup = new Dictionary<string, string> { [LookupKeys.ContactId] = data.Conversations[0].ContactId.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                CancellationToken.None).ToListAsync();
            var messages = await connection.GetMessagesAsync(data.Conversations[1].Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
            texts.AddRange(sessions.SelectMany(s => new[] { s.Raw, s.ToString(), s.Title, s.VisitorName }));
            texts.AddRange(messages.SelectMany(m => new[] { m.Raw, m.Text, m.AttachmentUrls }));

            // Errors: a refused signature and a refused token.
            var drifting = new ManualClock(DateTimeOffset.UtcNow);
            using var late = await Connect.KommoAsync(host, time: drifting);
            drifting.Now = drifting.Now.AddHours(1);
            var signatureError = await Assert.ThrowsAsync<ChatHistoryException>(() =>
                late.GetMessagesAsync(data.Conversations[1].Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync());
            var tokenError = await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.KommoAsync(host, accessToken: TokenCanary + "-revoked"));
            foreach (var error in new[] { signatureError, tokenError })
            {
                texts.AddRange([error.Message, error.Hint, error.ProviderMessage, error.ToString()]);
            }
        }

        Assert.NotEmpty(log.Lines);
        Assert.Contains(log.Lines, line => line.Contains("/history"));
        foreach (var text in texts.Concat(log.Lines).OfType<string>())
        {
            Assert.DoesNotContain(ChannelCanary, text);
            Assert.DoesNotContain(TokenCanary, text);
        }
    }
}
