using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Providers;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.SuperOffice;
using ChatHistory.Tests.Support;
using System.Text;
using System.Text.Json;

namespace ChatHistory.Tests.SuperOffice;

/// <summary>Canary secrets must never reach a log line, an error or an output object.</summary>
public class SuperOfficeSecretTests
{
    private const string UserName = "canary-user";
    private const string Password = "canary-password-5f1e9a";
    private const string Ticket = "7T:canary-ticket-b2c4d6";
    private const string AppToken = "canary-app-token-0a9b8c";
    private const string AccessToken = "8A:canary-access-token-77e1f0";

    private static readonly string BasicValue = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}"));
    private static readonly string[] Canaries = [Password, Ticket, AppToken, AccessToken, BasicValue, "canary-ticket", "canary-access", "canary-password"];

    [Theory]
    [InlineData(SuperOfficeAuthScheme.Basic)]
    [InlineData(SuperOfficeAuthScheme.Ticket)]
    [InlineData(SuperOfficeAuthScheme.Bearer)]
    public async Task NoSecretLeaksThroughLogsErrorsOrObjects(SuperOfficeAuthScheme scheme)
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            SuperOffice = new SuperOfficeOptions
            {
                UserName = UserName, Password = Password, Ticket = Ticket, ApplicationToken = AppToken, AccessToken = AccessToken,
            },
        });
        var log = new RecordingLog();
        var texts = new List<string>();

        using (ChatLog.Use(log))
        {
            using var connection = await ChatConnection.OpenAsync("so", Settings(host, scheme, right: true), CancellationToken.None);
            texts.Add(connection.ToString());
            texts.Add(JsonSerializer.Serialize(connection));

            host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = "/superoffice/", Times = 1 });
            var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 20 }, CancellationToken.None).ToListAsync();
            texts.AddRange(sessions.Select(s => JsonSerializer.Serialize(s)));
            var messages = await connection.GetMessagesAsync(sessions[0].SessionId, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
            texts.AddRange(messages.Select(m => JsonSerializer.Serialize(m)));

            var notFound = await Assert.ThrowsAsync<ChatHistoryException>(
                () => connection.GetMessagesAsync("9999", new ChatMessageQuery(), CancellationToken.None).ToListAsync());
            texts.AddRange(Describe(notFound));

            // A wrong secret beside the right ones: the server echoes it and the right ones in its 401 body.
            var refused = await Assert.ThrowsAsync<ChatHistoryException>(
                () => ChatConnection.OpenAsync("so", Settings(host, scheme, right: false), CancellationToken.None));
            texts.AddRange(Describe(refused));
            Assert.Contains("***", refused.ProviderMessage);

            var misdirected = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync(
                "so", Settings(host, scheme, right: true, tenantUrl: host.SuperOfficeUrl.Replace("Cust12345", "Cust99999")), CancellationToken.None));
            texts.AddRange(Describe(misdirected));
        }

        Assert.NotEmpty(log.Lines);
        Assert.Contains(log.Lines, l => l.Contains("-> 429"));
        foreach (var canary in Canaries)
        {
            Assert.DoesNotContain(log.Lines, l => l.Contains(canary, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(texts, t => t.Contains(canary, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static IEnumerable<string> Describe(ChatHistoryException error) =>
        [error.Message, error.ProviderMessage ?? string.Empty, error.Hint ?? string.Empty, error.ToString()];

    /// <param name="right">False puts a wrong secret in place of the scheme's main one.</param>
    private static SuperOfficeSettings Settings(SimulatorHost host, SuperOfficeAuthScheme scheme, bool right, string? tenantUrl = null)
    {
        var main = new Secret(right ? scheme switch
        {
            SuperOfficeAuthScheme.Ticket => Ticket,
            SuperOfficeAuthScheme.Bearer => AccessToken,
            _ => Password,
        } : "canary-password-wrong");
        return new SuperOfficeSettings
        {
            TenantUrl = new Uri(tenantUrl ?? host.SuperOfficeUrl),
            UserName = scheme == SuperOfficeAuthScheme.Basic ? UserName : null,
            Password = scheme == SuperOfficeAuthScheme.Basic ? main : null,
            Ticket = scheme == SuperOfficeAuthScheme.Ticket ? main : null,
            AccessToken = scheme == SuperOfficeAuthScheme.Bearer ? main : null,
            ApplicationToken = scheme != SuperOfficeAuthScheme.Basic ? new Secret(AppToken) : null,
            Policy = Connect.FastPolicy,
        };
    }
}
