using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>Kommo cannot list conversations: sessions come from ids or from a contact through API v4.</summary>
public class KommoSessionsTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => simulator.Host;

    private KommoData Data => Host.State.Kommo.Data;

    [Fact]
    public async Task ConversationIdsBecomeSessionsDescribedByTheirNewestMessage()
    {
        using var connection = await Connect.KommoAsync(Host, withAccount: false);
        var busy = Data.Conversations[1];
        var empty = Data.Conversations[0];

        var sessions = await connection.GetSessionsAsync(
            new ChatSessionQuery { SessionIds = [busy.Id, empty.Id, busy.Id] }, CancellationToken.None).ToListAsync();

        Assert.Equal([busy.Id, empty.Id], sessions.Select(s => s.SessionId));
        Assert.Equal(ChatProviderKind.Kommo, sessions[0].Provider);
        Assert.Equal(busy.Messages[^1].At, sessions[0].LastMessageAt);
        Assert.Equal((string)busy.Customer["id"]!, sessions[0].VisitorId);
        Assert.Equal("Customer 2", sessions[0].VisitorName);
        Assert.Null(sessions[1].LastMessageAt);
        Assert.Equal(0, sessions[1].MessageCount);
    }

    [Fact]
    public async Task WithoutIdsOrContactTheErrorSaysThereIsNoListMethod()
    {
        using var connection = await Connect.KommoAsync(Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("no method that lists conversations", error.Message);
        Assert.Contains("ConversationId", error.Message);
    }

    [Fact]
    public async Task ContactIdFindsTheContactsChatsThroughApiV4()
    {
        using var connection = await Connect.KommoAsync(Host);
        var contactId = Data.Conversations[0].ContactId;
        var expected = Data.OfContact(contactId).Select(c => c.Id).ToList();

        var sessions = await connection.GetSessionsAsync(
            new ChatSessionQuery { Lookup = new Dictionary<string, string> { [LookupKeys.ContactId] = contactId.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            CancellationToken.None).ToListAsync();

        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, sessions.Select(s => s.SessionId));
        Assert.All(sessions, s => Assert.Contains($"\"contact_id\":{contactId}", s.Raw));
        Assert.Equal(Data.Conversations[5].Messages[^1].At, sessions[1].LastMessageAt);
    }

    [Fact]
    public async Task ContactWithoutChatsHasNoSessions()
    {
        using var connection = await Connect.KommoAsync(Host);

        var sessions = await connection.GetSessionsAsync(
            new ChatSessionQuery { Lookup = new Dictionary<string, string> { [LookupKeys.ContactId] = KommoData.ContactWithoutChats.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            CancellationToken.None).ToListAsync();

        Assert.Empty(sessions);
    }

    [Fact]
    public async Task ContactIdWithoutApiV4IsAnInvalidArgument()
    {
        using var connection = await Connect.KommoAsync(Host, withAccount: false);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => connection.GetSessionsAsync(
            new ChatSessionQuery { Lookup = new Dictionary<string, string> { [LookupKeys.ContactId] = "20000" } }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("-AccountUrl", error.Message);
        Assert.Contains("-AccessToken", error.Message);
    }

    [Fact]
    public async Task ContactIdMustBeANumber()
    {
        using var connection = await Connect.KommoAsync(Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => connection.GetSessionsAsync(
            new ChatSessionQuery { Lookup = new Dictionary<string, string> { [LookupKeys.ContactId] = "20000&limit=1" } }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task FiltersKommoCannotApplyAreRefusedByName()
    {
        using var connection = await Connect.KommoAsync(Host);
        var before = Host.Requests.Count("/kommo/");

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => connection.GetSessionsAsync(
            new ChatSessionQuery { SessionIds = [Data.Conversations[1].Id], Since = DateTimeOffset.UtcNow.AddDays(-1), Status = ChatSessionStatus.Closed },
            CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotSupported, error.Kind);
        Assert.Contains("-Since", error.Message);
        Assert.Contains("-Status", error.Message);
        Assert.Equal(before, Host.Requests.Count("/kommo/"));
    }

    [Fact]
    public async Task VisitorIdIsFilteredOnTheClient()
    {
        using var connection = await Connect.KommoAsync(Host);
        var wanted = Data.Conversations[2];

        var sessions = await connection.GetSessionsAsync(
            new ChatSessionQuery { SessionIds = [Data.Conversations[1].Id, wanted.Id], VisitorId = (string)wanted.Customer["id"]! },
            CancellationToken.None).ToListAsync();

        Assert.Equal(wanted.Id, Assert.Single(sessions).SessionId);
    }
}
