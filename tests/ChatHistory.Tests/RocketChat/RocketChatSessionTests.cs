using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.RocketChat;

/// <summary>Get-ChatSession against the simulated Rocket.Chat: each filter, ids, a visitor's history.</summary>
public class RocketChatSessionTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => simulator.Host;

    private IReadOnlyList<RocketRoom> Rooms => RocketChatExpected.Rooms(Host);

    [Fact]
    public async Task AllRoomsArriveOldestFirstWithTheirFields()
    {
        var sessions = await ReadAsync(new ChatSessionQuery { PageSize = 7 });

        Assert.Equal(Rooms.Select(r => r.Id), sessions.Select(s => s.SessionId));
        var closed = sessions.First(s => s.SessionId == Rooms[0].Id);
        Assert.Equal("Closed", closed.Status);
        Assert.Equal(Rooms[0].CreatedAt, closed.StartedAt);
        Assert.Equal(Rooms[0].ClosedAt, closed.EndedAt);
        Assert.Equal(Rooms[0].AgentId, closed.AgentId);
        Assert.Equal("rc", closed.Connection);
        var open = sessions.First(s => s.SessionId == Rooms[3].Id);
        Assert.Equal("Open", open.Status);
        Assert.Null(open.EndedAt);
    }

    [Fact]
    public async Task SinceIsInclusiveAndUntilIsExclusive()
    {
        var since = Rooms[3].CreatedAt;
        var until = Rooms[9].CreatedAt;

        var sessions = await ReadAsync(new ChatSessionQuery { Since = since, Until = until });

        Assert.Equal(Rooms.Skip(3).Take(6).Select(r => r.Id), Ids(sessions));
    }

    [Theory]
    [InlineData(ChatSessionStatus.Open)]
    [InlineData(ChatSessionStatus.Closed)]
    public async Task StatusSelectsOpenOrClosedRooms(ChatSessionStatus status)
    {
        var expected = Rooms.Where(r => (r.ClosedAt is null) == (status == ChatSessionStatus.Open)).Select(r => r.Id).ToList();

        var sessions = await ReadAsync(new ChatSessionQuery { Status = status });

        Assert.NotEmpty(expected);
        Assert.NotEqual(Rooms.Count, expected.Count);
        Assert.Equal(expected, Ids(sessions));
        Assert.All(sessions, s => Assert.Equal(status.ToString(), s.Status));
    }

    [Fact]
    public async Task AgentFilterKeepsTheAgentsRooms()
    {
        var bob = RocketChatData.Agents[1].Id;

        var sessions = await ReadAsync(new ChatSessionQuery { AgentIds = [bob] });

        Assert.Equal(Rooms.Where(r => r.AgentId == bob).Select(r => r.Id), Ids(sessions));
        Assert.All(sessions, s => Assert.Equal("bob", s.AgentName));
    }

    [Fact]
    public async Task ChannelFiltersByDepartment()
    {
        var department = RocketChatData.Departments[1];

        var sessions = await ReadAsync(new ChatSessionQuery { Channel = department });

        Assert.Equal(Rooms.Where(r => r.DepartmentId == department).Select(r => r.Id), Ids(sessions));
        Assert.All(sessions, s => Assert.Equal(department, s.Channel));
    }

    [Fact]
    public async Task TagFilterKeepsRoomsWithTheTag()
    {
        var sessions = await ReadAsync(new ChatSessionQuery { Tags = ["vip"] });

        Assert.Equal(Rooms.Where(r => r.Tags.Contains("vip")).Select(r => r.Id), Ids(sessions));
        Assert.All(sessions, s => Assert.Contains("vip", s.Tags));
    }

    [Fact]
    public async Task SourceIsFilteredOnTheClient()
    {
        var expected = Rooms.Where(r => (string?)r.Json["source"]!["type"] == "api").Select(r => r.Id).ToList();

        var sessions = await ReadAsync(new ChatSessionQuery { Source = "api" });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(sessions));
    }

    [Fact]
    public async Task FiltersCombine()
    {
        var alice = RocketChatData.Agents[0].Id;
        var expected = Rooms.Where(r => r.AgentId == alice && r.Tags.Contains("billing") && r.ClosedAt is not null).Select(r => r.Id).ToList();

        var sessions = await ReadAsync(new ChatSessionQuery { AgentIds = [alice], Tags = ["billing"], Status = ChatSessionStatus.Closed });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(sessions));
    }

    [Fact]
    public async Task SessionIdsAreReadOneByOneInTheOrderGiven()
    {
        string[] wanted = [Rooms[5].Id, Rooms[2].Id];

        var sessions = await ReadAsync(new ChatSessionQuery { SessionIds = wanted });

        Assert.Equal(wanted, Ids(sessions));
        Assert.Equal(Rooms[5].CreatedAt, sessions[0].StartedAt);
    }

    [Fact]
    public async Task UnknownSessionIdIsNotFoundWithTheSessionId()
    {
        var (sessions, error) = await ReadUntilErrorAsync(new ChatSessionQuery { SessionIds = [Rooms[1].Id, "NoSuchRoom0000001"] });

        Assert.Equal([Rooms[1].Id], Ids(sessions));
        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.NotFound, failure.Kind);
        Assert.Equal("NoSuchRoom0000001", failure.SessionId);
        Assert.Contains("error-room-not-found", failure.ProviderMessage);
    }

    [Fact]
    public async Task VisitorHistoryListsTheVisitorsRooms()
    {
        const string visitor = "visitorRepeat0001";
        var theirs = Rooms.Where(r => r.VisitorId == visitor).ToList();

        var sessions = await ReadAsync(new ChatSessionQuery { VisitorId = visitor, SessionIds = [theirs[1].Id], PageSize = 4 });

        Assert.True(theirs.Count > 4, "the visitor's rooms should span more than one page");
        Assert.Equal(theirs.Select(r => r.Id).Order(), Ids(sessions).Order());
        Assert.All(sessions, s => Assert.Equal(visitor, s.VisitorId));
    }

    [Fact]
    public async Task VisitorWithoutARoomIsAnInvalidArgument()
    {
        var (sessions, error) = await ReadUntilErrorAsync(new ChatSessionQuery { VisitorId = "visitorRepeat0001" });

        Assert.Empty(sessions);
        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.InvalidArgument, failure.Kind);
        Assert.Contains("SessionId", failure.Message);
    }

    private static List<string> Ids(IEnumerable<ChatSession> sessions) => sessions.Select(s => s.SessionId).ToList();

    private async Task<List<ChatSession>> ReadAsync(ChatSessionQuery query)
    {
        using var connection = await Connect.RocketChatAsync(Host);
        return await connection.GetSessionsAsync(query, CancellationToken.None).ToListAsync();
    }

    private async Task<(List<ChatSession>, Exception?)> ReadUntilErrorAsync(ChatSessionQuery query)
    {
        using var connection = await Connect.RocketChatAsync(Host);
        return await connection.GetSessionsAsync(query, CancellationToken.None).UntilErrorAsync();
    }
}
