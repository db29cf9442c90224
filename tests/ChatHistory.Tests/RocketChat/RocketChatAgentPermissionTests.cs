using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.RocketChat;

/// <summary>
/// An agent without view-livechat-rooms, as Rocket.Chat treats one: livechat/rooms allows only
/// agents[] = its own id and answers anything else 403 unauthorized
/// (RocketChat/Rocket.Chat apps/meteor/app/livechat/imports/server/rest/rooms.ts), and the rooms it
/// did not serve are 400 not-allowed / error-not-allowed
/// (apps/meteor/app/livechat/server/api/v1/message.ts, api/lib/visitors).
/// </summary>
public class RocketChatAgentPermissionTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => simulator.Host;

    private RocketChatOptions Options => Host.State.RocketChat.Options;

    [Fact]
    public async Task ListingFallsBackToTheCallersOwnRoomsWithAWarning()
    {
        using var connection = await AgentAsync();
        var log = new RecordingLog();
        Host.Requests.Clear();

        List<ChatSession> sessions;
        using (ChatLog.Use(log))
        {
            sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 7 }, CancellationToken.None).ToListAsync();
        }

        var own = RocketChatExpected.Rooms(Host).Where(r => r.AgentId == Options.AgentUserId).Select(r => r.Id).ToList();
        Assert.NotEmpty(own);
        Assert.Equal(own, sessions.Select(s => s.SessionId));
        var warning = Assert.Single(log.Lines, l => l.StartsWith("WARNING: "));
        Assert.Contains("view-livechat-rooms", warning);
        Assert.Contains($"agents[]={Options.AgentUserId}", warning);
    }

    [Fact]
    public async Task AskingForAnotherAgentsRoomsStaysAccessDenied()
    {
        using var connection = await AgentAsync();
        var bob = RocketChatData.Agents[1].Id;

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetSessionsAsync(new ChatSessionQuery { AgentIds = [bob] }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.AccessDenied, error.Kind);
        Assert.Equal("unauthorized", error.ProviderMessage);
    }

    [Fact]
    public async Task AnAdminListsEveryRoomWithoutAWarning()
    {
        using var connection = await Connect.RocketChatAsync(Host);
        var log = new RecordingLog();

        List<ChatSession> sessions;
        using (ChatLog.Use(log))
        {
            sessions = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync();
        }

        Assert.Equal(RocketChatExpected.Rooms(Host).Count, sessions.Count);
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("WARNING: "));
    }

    [Fact]
    public async Task ARoomTheUserMayNotReadIsAccessDeniedNotAProtocolError()
    {
        using var connection = await AgentAsync();
        var othersRoom = RocketChatExpected.Rooms(Host).First(r => r.AgentId != Options.AgentUserId);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetMessagesAsync(othersRoom.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.AccessDenied, error.Kind);
        Assert.Equal("ChatHistory.AccessDenied", error.ErrorId);
        Assert.Equal("not-allowed", error.ProviderMessage);
        Assert.Equal(othersRoom.Id, error.SessionId);
        Assert.Contains("view-livechat-rooms", error.Hint);
    }

    [Fact]
    public async Task AVisitorsHistoryThroughAnotherAgentsRoomIsAccessDenied()
    {
        using var connection = await AgentAsync();
        var othersRoom = RocketChatExpected.Rooms(Host).First(r => r.AgentId != Options.AgentUserId);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => connection.GetSessionsAsync(
            new ChatSessionQuery { VisitorId = othersRoom.VisitorId, SessionIds = [othersRoom.Id] }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.AccessDenied, error.Kind);
        Assert.Equal("error-not-allowed", error.ProviderMessage);
    }

    [Fact]
    public async Task TheAgentReadsItsOwnRooms()
    {
        using var connection = await AgentAsync();
        var ownRoom = RocketChatExpected.Rooms(Host).First(r => r.AgentId == Options.AgentUserId && r.Messages.Count > 0);

        var messages = await connection.GetMessagesAsync(ownRoom.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.NotEmpty(messages);
    }

    private Task<ChatConnection> AgentAsync() =>
        ChatConnection.OpenAsync("rc-agent", new RocketChatSettings
        {
            ServerUrl = new Uri(Host.RocketChatUrl),
            UserId = Options.AgentUserId,
            AuthToken = new Secret(Options.AgentAuthToken),
            Policy = Connect.FastPolicy,
        }, CancellationToken.None);
}
