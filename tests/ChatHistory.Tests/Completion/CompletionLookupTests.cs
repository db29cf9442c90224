using ChatHistory.Completion;
using ChatHistory.Connections;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Security;
using ChatHistory.Simulator.Faults;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Completion;

/// <summary>
/// Issue 12, point 7: the values -Channel, -Agent and -Tag complete with, read through the
/// connection from each platform's documented list methods (served by the simulator), kept for a
/// minute, and nothing at all when the lookup fails or takes too long.
/// </summary>
public class CompletionLookupTests
{
    [Fact]
    public async Task RocketChatCompletesDepartmentsAgentsAndTags()
    {
        await using var host = await Simulator.SimulatorHost.StartAsync();
        using var connection = await Connect.RocketChatAsync(host);

        var channels = CompletionLookup.Values(connection, CompletionField.Channel);
        var agents = CompletionLookup.Values(connection, CompletionField.Agent);
        var tags = CompletionLookup.Values(connection, CompletionField.Tag);

        Assert.Equal([new("deptSales00000001", "Sales"), new("deptSupport000001", "Customer Support")], channels);
        Assert.Equal(["alice", "bob"], agents.Select(a => a.Value));
        Assert.Equal("Alice Agent (agentAlice0000001)", agents[0].Description);
        Assert.Equal(["vip", "billing"], tags.Select(t => t.Value));
    }

    /// <summary>imopenlines.config.list.get with OPTIONS.QUEUE: the lines and their operators in one call.</summary>
    [Fact]
    public async Task Bitrix24CompletesOpenLinesAndTheirOperatorsAndNoTags()
    {
        await using var host = await Simulator.SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);
        host.Requests.Clear();

        Assert.Equal([new("1", "Website chat"), new("2", "Messengers")], CompletionLookup.Values(connection, CompletionField.Channel));
        Assert.Equal([new("1", "Vladimir Loginov"), new("7", "Anna Petrova")], CompletionLookup.Values(connection, CompletionField.Agent));
        Assert.Empty(CompletionLookup.Values(connection, CompletionField.Tag));
        Assert.Equal(2, host.Requests.Count("/bitrix24/"));
    }

    [Fact]
    public async Task SuperOfficeCompletesTopicNamesAndChatUsers()
    {
        await using var host = await Simulator.SimulatorHost.StartAsync();
        using var connection = await Connect.SuperOfficeAsync(host);

        Assert.Equal(["Sales", "Support", "Billing"], CompletionLookup.Values(connection, CompletionField.Channel).Select(v => v.Value));
        Assert.Equal([new("11", "Alice Agent"), new("12", "Bob Agent")], CompletionLookup.Values(connection, CompletionField.Agent));
        Assert.Empty(CompletionLookup.Values(connection, CompletionField.Tag));
    }

    [Fact]
    public async Task KommoHasNothingToListAndAsksNothing()
    {
        await using var host = await Simulator.SimulatorHost.StartAsync();
        using var connection = await Connect.KommoAsync(host);
        host.Requests.Clear();

        Assert.Empty(CompletionLookup.Values(connection, CompletionField.Channel));
        Assert.Empty(CompletionLookup.Values(connection, CompletionField.Agent));
        Assert.Empty(host.Requests.Entries);
    }

    [Fact]
    public async Task ASecondLookupWithinTheMinuteSendsNothing()
    {
        await using var host = await Simulator.SimulatorHost.StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        host.Requests.Clear();

        var first = CompletionLookup.Values(connection, CompletionField.Channel, time: clock);
        clock.Now += TimeSpan.FromSeconds(30);
        var second = CompletionLookup.Values(connection, CompletionField.Channel, time: clock);
        Assert.Equal(first, second);
        Assert.Equal(1, host.Requests.Count("/rocketchat/api/v1/livechat/department"));

        clock.Now += TimeSpan.FromSeconds(31);
        CompletionLookup.Values(connection, CompletionField.Channel, time: clock);
        Assert.Equal(2, host.Requests.Count("/rocketchat/api/v1/livechat/department"));
    }

    [Fact]
    public async Task AFailedLookupCompletesNothingInsteadOfThrowing()
    {
        await using var host = await Simulator.SimulatorHost.StartAsync();
        var options = host.State.RocketChat.Options;
        using var connection = await ChatConnection.OpenAsync("rc-agent", new RocketChatSettings
        {
            ServerUrl = new Uri(host.RocketChatUrl),
            UserId = options.AgentUserId,
            AuthToken = new Secret(options.AgentAuthToken),
            Policy = Connect.FastPolicy,
        }, CancellationToken.None);

        // The agent may not list agents: 403 unauthorized.
        Assert.Empty(CompletionLookup.Values(connection, CompletionField.Agent));
    }

    [Fact]
    public async Task ASlowServerCompletesNothingOnceTheTimeoutIsUp()
    {
        await using var host = await Simulator.SimulatorHost.StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.Latency, PathPrefix = "/rocketchat/api/v1/livechat/tags", Latency = TimeSpan.FromSeconds(5) });

        Assert.Empty(CompletionLookup.Values(connection, CompletionField.Tag, timeout: TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void ValuesStartingWithTheWordComeBeforeThoseContainingIt()
    {
        CompletionValue[] values = [new("deptSales", "Sales"), new("deptSupport", "Customer Support"), new("alice", "Alice Agent"), new("malice", null)];

        Assert.Equal(["alice", "malice"], CompletionLookup.Matching(values, "ali").Select(v => v.Value));
        Assert.Equal(["deptSupport"], CompletionLookup.Matching(values, "'custom").Select(v => v.Value));
        Assert.Equal(4, CompletionLookup.Matching(values, "").Count);
    }
}
