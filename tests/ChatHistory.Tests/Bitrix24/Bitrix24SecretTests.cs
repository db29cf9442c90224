using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Engine;
using ChatHistory.Providers;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>The webhook URL and the tokens never show in logs, errors or objects.</summary>
public class Bitrix24SecretTests
{
    private const string CanarySecret = "canary7webhook7secret";
    private const string CanaryToken = "canary-oauth-access-token";

    [Fact]
    public async Task TheWebhookSecretIsMaskedInLogsErrorsAndObjects()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Bitrix24 = new Bitrix24Options { WebhookSecret = CanarySecret, DeniedSessionIds = new HashSet<int> { 501 } },
        });
        var log = new RecordingLog();
        var seen = new List<string>();
        using (ChatLog.Use(log))
        {
            using var connection = await Connect.Bitrix24Async(host);
            seen.Add(connection.ToString());
            foreach (var session in await Collect.ToListAsync(connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 50 }, CancellationToken.None)))
            {
                seen.Add(session.Raw!);
            }

            var items = await Collect.ToListAsync(new MessageFetcher(connection, 1)
                .FetchAsync(AsAsync("500", "501", "99999"), _ => new ChatMessageQuery(), CancellationToken.None));
            seen.AddRange(items.Select(i => i.Message is { } m ? m.Raw + m.Text + m.AttachmentUrls : Describe(i.Error!)));
            var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
                Collect.ToListAsync(connection.GetMessagesAsync("99999", new ChatMessageQuery(), CancellationToken.None)));
            seen.Add(Describe(error));
        }

        var failedConnect = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("x", new Bitrix24Settings
        {
            WebhookUrl = new Secret(host.Bitrix24Url + "rest/2/" + CanarySecret + "/"),
            Policy = Connect.FastPolicy,
        }, CancellationToken.None));
        seen.Add(Describe(failedConnect));

        Assert.Contains(log.Lines, line => line.Contains("/bitrix24/rest/1/***/", StringComparison.Ordinal));
        Assert.True(log.Lines.Count > 3);
        Assert.All(log.Lines.Concat(seen), text => Assert.DoesNotContain(CanarySecret, text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AccessTokensOldAndRenewedAreMasked()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Bitrix24 = new Bitrix24Options { AccessToken = CanaryToken } });
        var log = new RecordingLog();
        var seen = new List<string>();
        using (ChatLog.Use(log))
        {
            using var connection = await Connect.Bitrix24OAuthAsync(host);
            host.State.Bitrix24.ExpireAccessTokens();
            var messages = await Collect.ToListAsync(connection.GetMessagesAsync("500", new ChatMessageQuery(), CancellationToken.None));
            seen.AddRange(messages.Select(m => m.Raw!));
            var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
                Collect.ToListAsync(connection.GetMessagesAsync("99999", new ChatMessageQuery(), CancellationToken.None)));
            seen.Add(Describe(error));
        }

        Assert.Equal(1, host.State.Bitrix24.Refreshes);
        Assert.Contains(log.Lines, line => line.Contains("renewed", StringComparison.Ordinal));
        var secrets = new[] { CanaryToken, host.State.Bitrix24.Options.RefreshToken, host.State.Bitrix24.Options.ClientSecret, "sim-bitrix24-access-renewed-0001", "sim-bitrix24-refresh-renewed-0001" };
        foreach (var secret in secrets)
        {
            Assert.All(log.Lines.Concat(seen), text => Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static string Describe(ChatHistoryException error) => $"{error.Message} {error.ProviderMessage} {error.Hint}";

    private static async IAsyncEnumerable<string> AsAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            await Task.Yield();
            yield return id;
        }
    }
}
