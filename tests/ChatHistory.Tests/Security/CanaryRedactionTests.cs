using System.Text.Json;
using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Engine;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Security;

/// <summary>
/// A recognisable token and password are used and made to fail in every way the simulator can;
/// everything a user could see (log lines, errors, output objects) must be free of them.
/// </summary>
public class CanaryRedactionTests
{
    private const string Canary = "canary-7f3e9b2a41";
    private const string LivechatPrefix = "/rocketchat/api/v1/livechat/";

    private readonly RecordingLog log = new();
    private readonly List<string> seen = [];
    private int errors;

    [Fact]
    public async Task CanaryTokenNeverShowsThroughFaultsAndErrors()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 8, MaxMessagesPerRoom = 20, AuthToken = Canary });
        using (ChatLog.Use(log))
        {
            using var connection = await Connect.RocketChatWithTokenAsync(host, Canary, Connect.FastPolicy with { MaxAttempts = 3 });
            SeeConnection(connection);

            host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = LivechatPrefix, Every = 3, Times = 2 });
            host.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, PathPrefix = LivechatPrefix, Every = 4, Times = 2 });
            host.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, PathPrefix = LivechatPrefix, Every = 5, Times = 2 });
            var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 3 }, CancellationToken.None).ToListAsync();
            SeeObjects(sessions);
            var ids = sessions.Select(s => s.SessionId).Append("NoSuchRoom0000001").ToAsyncEnumerable();
            var items = await new MessageFetcher(connection, 2).FetchAsync(ids, _ => new ChatMessageQuery { PageSize = 4 }, CancellationToken.None).ToListAsync();
            SeeObjects(items.Select(i => i.Message).OfType<object>());
            items.Select(i => i.Error).OfType<Exception>().ToList().ForEach(SeeError);
            Assert.True(host.Faults.Injected >= 4, "the faults should have fired");

            foreach (var kind in new[] { FaultKind.HtmlErrorPage, FaultKind.MalformedJson, FaultKind.DropConnection, FaultKind.TooManyRequests })
            {
                host.Faults.Clear();
                host.Faults.Add(new FaultRule { Kind = kind, PathPrefix = LivechatPrefix });
                SeeError(await FailureAsync(connection.GetMessagesAsync(sessions[1].SessionId, new ChatMessageQuery(), CancellationToken.None)));
                SeeError(await FailureAsync(connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None)));
            }

            host.Faults.Clear();
            SeeError(await FailureAsync(connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["NoSuchRoom0000001"] }, CancellationToken.None)));
            SeeError(await FailureAsync(connection.GetMessagesAsync(sessions[1].SessionId, new ChatMessageQuery { After = "NoSuchMessage0001" }, CancellationToken.None)));
        }

        AssertNoCanary(minimumErrors: 11);
    }

    [Fact]
    public async Task CanaryAsAWrongTokenOrPasswordNeverShows()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 2 });
        using (ChatLog.Use(log))
        {
            SeeError(await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.RocketChatWithTokenAsync(host, Canary)));
            SeeError(await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.RocketChatWithPasswordAsync(host, Canary)));
            host.Faults.Add(new FaultRule { Kind = FaultKind.HtmlErrorPage, PathPrefix = "/rocketchat/api/v1/login" });
            SeeError(await Assert.ThrowsAsync<ChatHistoryException>(() => Connect.RocketChatWithPasswordAsync(host, Canary)));
        }

        AssertNoCanary(minimumErrors: 3);
    }

    [Fact]
    public async Task CanaryPasswordAndItsSessionTokenNeverShow()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 4, Password = Canary });
        using (ChatLog.Use(log))
        {
            using var connection = await Connect.RocketChatWithPasswordAsync(host, Canary, Connect.FastPolicy with { MaxAttempts = 2 });
            SeeConnection(connection);
            var sessions = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync();
            SeeObjects(sessions);
            host.Faults.Add(new FaultRule { Kind = FaultKind.HtmlErrorPage, PathPrefix = LivechatPrefix });
            SeeError(await FailureAsync(connection.GetMessagesAsync(sessions[0].SessionId, new ChatMessageQuery(), CancellationToken.None)));
        }

        AssertNoCanary(minimumErrors: 1);
        var loginToken = Assert.Single(host.State.RocketChat.LoginTokens.Keys);
        Assert.DoesNotContain(seen.Concat(log.Lines), text => text.Contains(loginToken, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<Exception> FailureAsync<T>(IAsyncEnumerable<T> source)
    {
        var (_, error) = await source.UntilErrorAsync();
        return error ?? throw new Xunit.Sdk.XunitException("the read was expected to fail");
    }

    private void SeeConnection(ChatConnection connection)
    {
        seen.Add(connection.ToString());
        seen.Add(JsonSerializer.Serialize(connection));
    }

    private void SeeObjects(IEnumerable<object> objects) => seen.AddRange(objects.Select(o => JsonSerializer.Serialize(o)));

    private void SeeError(Exception error)
    {
        errors++;
        for (var current = error; current is not null; current = current.InnerException)
        {
            seen.Add(current.Message);
            seen.Add(current.ToString());
            if (current is ChatHistoryException chat)
            {
                seen.Add(chat.ProviderMessage ?? string.Empty);
                seen.Add(chat.Hint ?? string.Empty);
            }
        }
    }

    private void AssertNoCanary(int minimumErrors)
    {
        Assert.True(errors >= minimumErrors, $"only {errors} errors were collected");
        Assert.NotEmpty(log.Lines);
        Assert.All(seen.Concat(log.Lines), text => Assert.DoesNotContain(Canary, text, StringComparison.OrdinalIgnoreCase));
    }
}
