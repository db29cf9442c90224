using System.Globalization;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.SuperOffice;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.SuperOffice;

public class SuperOfficeSessionTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => fixture.Host;

    private SuperOfficeState Sim => Host.State.SuperOffice;

    [Fact]
    public async Task ListsEverySessionOldestFirstByFollowingNextLinks()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        Sim.SeenRequests.Clear();

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 7 }, CancellationToken.None).ToListAsync();

        var expected = Sim.Data.Sessions.OrderBy(s => s.WhenRequested).Select(s => s.Id.ToString()).ToList();
        Assert.Equal(45, sessions.Count);
        Assert.Equal(expected, sessions.Select(s => s.SessionId));
        var pages = Sim.SeenRequests.Where(r => r.Path.EndsWith("/ChatSession")).ToList();
        Assert.Equal(7, pages.Count);
        Assert.Equal(["0", "7", "14", "21", "28", "35", "42"], pages.Select(p => p.Query["$skip"]));
        Assert.All(pages, p => Assert.Equal("7", p.Query["$top"]));
        Assert.All(pages, p => Assert.Equal("whenRequested asc,chatSessionId asc", p.Query["$orderBy"]));
    }

    [Fact]
    public async Task TheArchiveRefusesAColumnItDoesNotHave()
    {
        // As the real archive does: a column outside the ChatSession provider's reference
        // (SuperOfficeDocs docs/en/api/archive-providers/reference/chatsession.md) is a 400, not ignored.
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Host.SuperOfficeUrl + "ChatSession?$select=chatSessionId,agentId&$top=1");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Sim.Options.AccessToken);
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("agentId", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AgentIdComesFromAssociateIdAndFiltersOnIt()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        Sim.SeenRequests.Clear();

        var bob = await connection.GetSessionsAsync(new ChatSessionQuery { AgentIds = ["12"] }, CancellationToken.None).ToListAsync();

        Assert.NotEmpty(bob);
        Assert.All(bob, s => Assert.Equal(("12", "Bob Agent"), (s.AgentId, s.AgentName)));
        var listings = Sim.SeenRequests.Where(r => r.Path.EndsWith("/ChatSession")).ToList();
        Assert.NotEmpty(listings);
        Assert.All(listings, listing => Assert.Contains("associateId eq 12", listing.Query["$filter"]));
        Assert.All(listings, listing => Assert.DoesNotContain("agentId", listing.Query["$select"]));
    }

    [Fact]
    public async Task SessionFieldsComeFromTheArchiveColumns()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync();

        var ended = sessions.Single(s => s.SessionId == "1001");
        var data = Sim.Data.Find(1001)!;
        Assert.Equal(ChatProviderKind.SuperOffice, ended.Provider);
        Assert.Equal("so", ended.Connection);
        Assert.Equal("Closed", ended.Status);
        Assert.Equal("Ended", ended.ProviderStatus);
        Assert.Equal(data.WhenRequested, ended.StartedAt);
        Assert.Equal(data.WhenEnded, ended.EndedAt);
        Assert.Equal("11", ended.AgentId);
        Assert.Equal("Alice Agent", ended.AgentName);
        Assert.Equal("201", ended.VisitorId);
        Assert.Equal("Customer 0", ended.VisitorName);
        Assert.Equal("Sales", ended.Channel);
        Assert.Equal(data.Messages.First(m => m.Type == SuperOfficeData.ToUser).Message, ended.Title);
        Assert.Contains("\"EntityName\":\"chatSession\"", ended.Raw);

        var missed = sessions.Single(s => s.SessionId == "1006");
        Assert.Equal("Closed", missed.Status);
        Assert.Equal("Missed", missed.ProviderStatus);
        Assert.Null(missed.AgentId);
        Assert.NotNull(missed.EndedAt);
    }

    [Fact]
    public async Task SinceAndUntilKeepExactBoundsAndAreSentAsAFilter()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        Sim.SeenRequests.Clear();
        var query = new ChatSessionQuery { Since = SuperOfficeData.Epoch.AddHours(10), Until = SuperOfficeData.Epoch.AddHours(20) };

        var sessions = await connection.GetSessionsAsync(query, CancellationToken.None).ToListAsync();

        Assert.Equal(["1006", "1007", "1008", "1009", "1010"], sessions.Select(s => s.SessionId));
        var filter = Sim.SeenRequests.First(r => r.Path.EndsWith("/ChatSession")).Query["$filter"];
        Assert.Equal("whenRequested after '2026.05.31' and whenRequested before '2026.06.03'", filter);
    }

    [Theory]
    [InlineData(ChatSessionStatus.Open, new[] { "Requested", "Started" })]
    [InlineData(ChatSessionStatus.Closed, new[] { "Ended", "Missed" })]
    public async Task StatusIsFilteredOnTheServer(ChatSessionStatus status, string[] words)
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        Sim.SeenRequests.Clear();

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { Status = status }, CancellationToken.None).ToListAsync();

        var expected = Sim.Data.Sessions.Count(s => words.Contains(s.Status));
        Assert.Equal(expected, sessions.Count);
        Assert.NotEmpty(sessions);
        Assert.All(sessions, s => Assert.Contains(s.ProviderStatus, words));
        Assert.All(sessions, s => Assert.Equal(status.ToString(), s.Status));
        Assert.All(sessions, s => Assert.Equal(status == ChatSessionStatus.Closed, s.EndedAt is not null));
        Assert.Contains($"status eq '{words[0]}'", Sim.SeenRequests.First(r => r.Path.EndsWith("/ChatSession")).Query["$filter"]);
    }

    [Fact]
    public async Task ATopicIdReadsThatTopicsSessions()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        Sim.SeenRequests.Clear();

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { Channel = "2", PageSize = 10 }, CancellationToken.None).ToListAsync();

        Assert.Equal(15, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("Support", s.Channel));
        Assert.Equal(2, Sim.SeenRequests.Count(r => r.Path.EndsWith("/ChatTopic/2/Sessions")));
        Assert.DoesNotContain(Sim.SeenRequests, r => r.Path.EndsWith("/ChatSession"));
    }

    [Fact]
    public async Task ATopicNameIsFilteredOnTheServer()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        Sim.SeenRequests.Clear();

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { Channel = "billing" }, CancellationToken.None).ToListAsync();

        Assert.Equal(15, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("Billing", s.Channel));
        Assert.Equal("chatTopic/name eq 'billing'", Sim.SeenRequests.First(r => r.Path.EndsWith("/ChatSession")).Query["$filter"]);
    }

    [Fact]
    public async Task AnUnknownTopicIsNotFound()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetSessionsAsync(new ChatSessionQuery { Channel = "77" }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("chat topic 77", error.Message);
        Assert.Contains("ChatTopic 77 not found", error.ProviderMessage);
    }

    [Fact]
    public async Task AgentVisitorAndContactNarrowTheListing()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var bob = await connection.GetSessionsAsync(new ChatSessionQuery { AgentIds = ["12"] }, CancellationToken.None).ToListAsync();
        var visitor = await connection.GetSessionsAsync(new ChatSessionQuery { VisitorId = "203" }, CancellationToken.None).ToListAsync();
        var contact = await connection.GetSessionsAsync(
            new ChatSessionQuery { Lookup = new Dictionary<string, string> { [LookupKeys.ContactId] = "302" } }, CancellationToken.None).ToListAsync();

        Assert.Equal(Sim.Data.Sessions.Count(s => s.Agent?.Id == 12), bob.Count);
        Assert.All(bob, s => Assert.Equal("Bob Agent", s.AgentName));
        Assert.Equal(Sim.Data.Sessions.Where(s => s.Person.Id == 203).Select(s => s.Id.ToString()), visitor.Select(s => s.SessionId));
        Assert.Equal(Sim.Data.Sessions.Where(s => s.Person.ContactId == 302).Select(s => s.Id.ToString()), contact.Select(s => s.SessionId));
        Assert.NotEmpty(visitor);
        Assert.NotEmpty(contact);
    }

    [Fact]
    public async Task SessionIdsAreReadOneByOne()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        Sim.SeenRequests.Clear();

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["1040", "1003"] }, CancellationToken.None).ToListAsync();

        Assert.Equal(["1040", "1003"], sessions.Select(s => s.SessionId));
        Assert.Equal(["chatSessionId eq 1040", "chatSessionId eq 1003"], Sim.SeenRequests.Select(r => r.Query["$filter"]));
    }

    [Fact]
    public async Task AMissingSessionIdIsNotFoundForThatSession()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["9999"] }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal("9999", error.SessionId);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public async Task LookupsSuperOfficeDoesNotHaveAreRefused()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => connection.GetSessionsAsync(
            new ChatSessionQuery { Lookup = new Dictionary<string, string> { [LookupKeys.DialogId] = "chat12" } }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotSupported, error.Kind);
        Assert.Contains("DialogId", error.Message);
    }

    [Theory]
    [InlineData("ALICE AGENT")]
    [InlineData("alice*")]
    public async Task AgentNamesAndWildcardsMatchOnTheClient(string agent)
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        Sim.SeenRequests.Clear();

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { AgentIds = [agent] }, CancellationToken.None).ToListAsync();

        var expected = Sim.Data.Sessions.Where(s => s.Agent?.Name == "Alice Agent").Select(s => s.Id.ToString(CultureInfo.InvariantCulture)).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, sessions.Select(s => s.SessionId).Order());
        Assert.False(Sim.SeenRequests.First(r => r.Path.EndsWith("/ChatSession")).Query.ContainsKey("$filter"));
    }

    [Fact]
    public async Task AgentIdsAreFilteredOnTheServer()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        Sim.SeenRequests.Clear();

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { AgentIds = ["12"] }, CancellationToken.None).ToListAsync();

        Assert.NotEmpty(sessions);
        Assert.All(sessions, s => Assert.Equal("12", s.AgentId));
        // The archive column is associateId (SuperOfficeDocs archive-providers/reference/chatsession.md); it has no agentId.
        Assert.Equal("associateId eq 12", Sim.SeenRequests.First(r => r.Path.EndsWith("/ChatSession")).Query["$filter"]);
    }
}
