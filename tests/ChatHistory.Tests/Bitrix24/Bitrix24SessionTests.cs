using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

public class Bitrix24SessionTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private Bitrix24Data Data => simulator.Host.State.Bitrix24.Data;

    [Fact]
    public async Task WebhookConnectionReadsTheUsersProfile()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        Assert.Equal(ChatProviderKind.Bitrix24, connection.Provider);
        Assert.Equal("Vladimir Loginov", connection.Account);
        Assert.Equal(simulator.Host.Bitrix24Url, connection.Endpoint);
    }

    [Fact]
    public async Task ListsEverySessionOnceOldestFirst()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(Data.Sessions.Select(s => s.Id.ToString()), sessions.Select(s => s.SessionId));
        var first = sessions[0];
        Assert.Equal("2000", first.ChatId);
        Assert.Equal("Closed", first.Status);
        Assert.Equal("1", first.Channel);
        Assert.Equal("livechat", first.Source);
        Assert.Equal("450", first.VisitorId);
        Assert.Equal("1", first.AgentId);
        Assert.Equal(Data.Sessions[0].Messages.Count, first.MessageCount);
        Assert.Equal(Bitrix24Data.Epoch, first.StartedAt);
        Assert.Equal(TimeSpan.FromHours(2), first.StartedAt!.Value.Offset);
        Assert.Contains("\"userCode\"", first.Raw);
    }

    [Fact]
    public async Task ChannelAgentSourceAndStatusFiltersMatchTheData()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        async Task<List<string>> Ids(ChatSessionQuery query) =>
            (await connection.GetSessionsAsync(query, CancellationToken.None).ToListAsync()).Select(s => s.SessionId).ToList();
        List<string> Expected(Func<B24Session, bool> predicate) => Data.Sessions.Where(predicate).Select(s => s.Id.ToString()).ToList();

        Assert.Equal(Expected(s => s.LineId == 2), await Ids(new ChatSessionQuery { Channel = "2" }));
        Assert.Equal(Expected(s => s.OperatorId == 7), await Ids(new ChatSessionQuery { AgentIds = ["7"] }));
        Assert.Equal(Expected(s => s.OperatorId is 1 or 7), await Ids(new ChatSessionQuery { AgentIds = ["1", "7"] }));
        Assert.Equal(Expected(s => s.Source == "telegrambot"), await Ids(new ChatSessionQuery { Source = "telegrambot" }));
        Assert.Equal(Expected(s => s.Closed is null), await Ids(new ChatSessionQuery { Status = ChatSessionStatus.Open }));
        Assert.Equal(Expected(s => s.Closed is not null), await Ids(new ChatSessionQuery { Status = ChatSessionStatus.Closed }));
        Assert.NotEmpty(Expected(s => s.Closed is not null && s.Status == "spam"));
        Assert.Equal(Expected(s => s.VisitorId == 454), await Ids(new ChatSessionQuery { VisitorId = "454" }));
        Assert.NotEmpty(Expected(s => s.LineId == 2));
        Assert.NotEmpty(Expected(s => s.Closed is null));
    }

    [Fact]
    public async Task SinceIsInclusiveAndUntilExclusive()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        var sessions = await connection.GetSessionsAsync(
            new ChatSessionQuery { Since = Bitrix24Data.Epoch.AddHours(30), Until = Bitrix24Data.Epoch.AddHours(60) }, CancellationToken.None).ToListAsync();

        Assert.Equal(Enumerable.Range(510, 10).Select(id => id.ToString()), sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task ChatAndDialogIdsResolveToTheChatsOpenSession()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        var current = Data.CurrentSession(2004)!;

        var byChat = Assert.Single(await connection.GetSessionsAsync(Lookup(LookupKeys.ChatId, "2004"), CancellationToken.None).ToListAsync());
        var byDialog = Assert.Single(await connection.GetSessionsAsync(Lookup(LookupKeys.DialogId, "chat2004"), CancellationToken.None).ToListAsync());
        var byUserCode = Assert.Single(await connection.GetSessionsAsync(Lookup(LookupKeys.UserCode, current.UserCode), CancellationToken.None).ToListAsync());

        foreach (var session in new[] { byChat, byDialog, byUserCode })
        {
            Assert.Equal(current.Id.ToString(), session.SessionId);
            Assert.Equal("2004", session.ChatId);
            Assert.Equal("Open", session.Status);
            Assert.Equal(current.Source, session.Source);
            Assert.Equal(current.LineId.ToString(), session.Channel);
            Assert.Equal("454", session.VisitorId);
            Assert.StartsWith("Guest Room", session.Title);
        }
    }

    [Fact]
    public async Task SessionIdsAreLookedUpOneByOne()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["503", "504"] }, CancellationToken.None).ToListAsync();

        Assert.Equal(["503", "504"], sessions.Select(s => s.SessionId).ToArray());
        Assert.Equal("2003", sessions[0].ChatId);
        Assert.Equal("Closed", sessions[0].Status);
        Assert.Equal(Data.CurrentSession(2004)?.Id == 504 ? "Open" : "Closed", sessions[1].Status);
    }

    /// <summary>
    /// imopenlines.dialog.get answers for any chat the user may open, group chats included
    /// (imopenlines lib/rest.php dialogGet checks access, not the chat type): ChatHistory says the
    /// chat is not an Open Channels one from the answer's type, as no CHAT_TYPE error comes back.
    /// </summary>
    [Fact]
    public async Task ANonOpenChannelsChatIsAnInvalidArgument()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetSessionsAsync(Lookup(LookupKeys.ChatId, Bitrix24Data.GeneralChatId.ToString()), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("ChatHistory.InvalidArgument", error.ErrorId);
        Assert.Contains("not an Open Channels dialog", error.Message);
        Assert.Contains("'chat'", error.Message);
        Assert.Null(error.ProviderMessage);
        Assert.Contains("Open Channels", error.Hint);
    }

    /// <summary>
    /// An unknown chat, session or user code, or one the user may not open, is 400 ACCESS_ERROR from
    /// imopenlines.dialog.get (b24-rest-docs api-reference/imopenlines/openlines/sessions/imopenlines-dialog-get.md;
    /// imopenlines lib/rest.php dialogGet): NotFound with a hint that names both causes, not a ProtocolError.
    /// </summary>
    [Theory]
    [InlineData(LookupKeys.DialogId, "chat987654")]
    [InlineData(LookupKeys.ChatId, "987654")]
    [InlineData(LookupKeys.UserCode, "livechat|9|9|9")]
    public async Task AnUnknownOrHiddenChatIsNotFoundWithAHint(string key, string value)
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetSessionsAsync(Lookup(key, value), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.StartsWith("ACCESS_ERROR", error.ProviderMessage);
        Assert.Contains("may not see", error.Hint);
    }

    [Fact]
    public async Task AnUnknownSessionIdIsANonTerminatingNotFound()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["987654"] }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal("987654", error.SessionId);
        Assert.StartsWith("ACCESS_ERROR", error.ProviderMessage);
    }

    [Fact]
    public async Task AChatWithoutAnOpenSessionSaysHowToFindItsClosedOnes()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        Assert.Null(Data.CurrentSession(2000));

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetSessionsAsync(Lookup(LookupKeys.ChatId, "2000"), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Contains("-SessionId", error.Hint);
    }

    private static ChatSessionQuery Lookup(string key, string value) =>
        new() { Lookup = new Dictionary<string, string> { [key] = value } };
}
