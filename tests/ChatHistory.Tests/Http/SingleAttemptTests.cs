using ChatHistory.Providers;
using ChatHistory.Simulator.Faults;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Http;

public sealed class SingleAttemptTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task OneAttemptMeansNoRetry()
    {
        using var connection = await Connect.RocketChatAsync(simulator.Host, Connect.FastPolicy with { MaxAttempts = 1 });
        simulator.Host.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, PathPrefix = "/rocketchat/api/v1/livechat/rooms", Times = 1 });
        var before = simulator.Host.Requests.Count("/rocketchat/api/v1/livechat/rooms");

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.ServerError, error.Kind);
        Assert.Equal(before + 1, simulator.Host.Requests.Count("/rocketchat/api/v1/livechat/rooms"));
    }
}
