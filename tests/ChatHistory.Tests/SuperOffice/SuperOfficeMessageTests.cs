using ChatHistory.Diagnostics;
using ChatHistory.Engine;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.SuperOffice;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.SuperOffice;

public class SuperOfficeMessageTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => fixture.Host;

    private SuperOfficeState Sim => Host.State.SuperOffice;

    [Fact]
    public async Task ReadsASessionsMessagesOldestFirst()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        var data = Sim.Data.Find(1001)!;

        var messages = await connection.GetMessagesAsync("1001", new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(data.Messages.Select(m => m.ChatMessageId.ToString()), messages.Select(m => m.MessageId));
        Assert.All(messages, m => Assert.Equal("1001", m.SessionId));
        // Offsets or not, every WhenPosted reads back as the instant the simulator posted it.
        Assert.Equal(data.Messages.Select(m => m.WhenPosted), messages.Select(m => m.Timestamp));
        Assert.Contains(data.Messages, m => m.WithoutOffset);
        Assert.Contains(data.Messages, m => !m.WithoutOffset);
        Assert.Equal(("Chat requested", ChatAuthorRole.System, ChatMessageKinds.Event), (messages[0].Text, messages[0].AuthorRole, messages[0].Kind));
        Assert.Equal("Chat ended", messages[^1].Text);
    }

    [Fact]
    public async Task TypesAndSpecialTypesBecomeRolesAndKinds()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        var sessionId = Sim.Data.Sessions.First(s => s.Messages.Count > 10).Id.ToString();

        var messages = await connection.GetMessagesAsync(sessionId, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        var greeting = messages.First(m => m.AuthorRole == ChatAuthorRole.Agent && m.OriginalText!.StartsWith("<p>"));
        Assert.Matches("^Hello, I am (Alice|Bob)\\. How can I help\\?$", greeting.Text);
        Assert.Contains(messages, m => m.AuthorRole == ChatAuthorRole.Visitor && m.Kind == ChatMessageKinds.Text);
        Assert.Contains(messages, m => m.AuthorRole == ChatAuthorRole.Bot && m.AuthorName == "Chatbot");

        var link = messages.First(m => m.Kind == ChatMessageKinds.Link);
        Assert.Equal("https://example.com/faq", link.AttachmentUrls);
        Assert.Equal(ChatAuthorRole.Agent, link.AuthorRole);
        var options = messages.First(m => m.Attachments.Any(a => a.Kind == "option"));
        Assert.Equal(SuperOfficeData.BotOptions, options.Attachments.Select(a => a.Name));
        // ToUser 2 / ClickedOption 15, sent as numbers: the customer's click.
        Assert.Contains(messages, m => m.Text == SuperOfficeData.BotOptions[0] && m.AuthorRole == ChatAuthorRole.Visitor);

        // The vendor sample's Invalid/Block is a session event; values ChatHistory does not know pass through.
        Assert.Contains(messages, m => m.Kind == ChatMessageKinds.Event && m.AuthorRole == ChatAuthorRole.System && m.AuthorName == "Chatbot");
        Assert.Contains(messages, m => m.Kind == SuperOfficeData.UnknownSpecialType && m.AuthorRole == ChatAuthorRole.Visitor);
    }

    [Fact]
    public async Task NoMessageOfARealTenantsShapeReadsAsSystemUnlessTheVendorSaysSo()
    {
        // Issue 9: with ToCustomer/ToUser (SuperOfficeDocs trigger-scripts/includes/enum-type.md) every
        // message used to come out as System. Only Special/Invalid Types and session events may.
        using var connection = await Connect.SuperOfficeAsync(Host);
        var session = Sim.Data.Sessions.First(s => s.Messages.Count > 10);

        var messages = await connection.GetMessagesAsync(session.Id.ToString(), new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        var byId = session.Messages.ToDictionary(m => m.ChatMessageId.ToString());
        Assert.All(messages.Where(m => byId[m.MessageId].Type is SuperOfficeData.ToUser or "2" && byId[m.MessageId].SpecialType != "ClosedByCustomer"),
            m => Assert.Equal(ChatAuthorRole.Visitor, m.AuthorRole));
        Assert.All(messages.Where(m => byId[m.MessageId].Type == SuperOfficeData.ToCustomer && byId[m.MessageId].SpecialType is "None" or "Url" or "Options"),
            m => Assert.Equal(ChatAuthorRole.Agent, m.AuthorRole));
        Assert.All(messages.Where(m => byId[m.MessageId].SpecialType == "BotMessage"), m => Assert.Equal(ChatAuthorRole.Bot, m.AuthorRole));
        Assert.Contains(messages, m => m.AuthorRole == ChatAuthorRole.Visitor);
        Assert.Contains(messages, m => m.AuthorRole == ChatAuthorRole.Agent);
        Assert.Contains(messages, m => m.AuthorRole == ChatAuthorRole.Bot);
    }

    [Fact]
    public async Task UnknownValuesAreReportedOncePerValue()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        var log = new RecordingLog();
        var busy = Sim.Data.Sessions.Where(s => s.Messages.Count(m => m.SpecialType == SuperOfficeData.UnknownSpecialType) > 0).Take(2).ToList();

        using (ChatLog.Use(log))
        {
            foreach (var session in busy)
            {
                await connection.GetMessagesAsync(session.Id.ToString(), new ChatMessageQuery(), CancellationToken.None).ToListAsync();
            }
        }

        Assert.Equal(2, busy.Count);
        Assert.Single(log.Lines, l => l.Contains($"SpecialType '{SuperOfficeData.UnknownSpecialType}'"));
        Assert.DoesNotContain(log.Lines, l => l.Contains("Type 'Invalid'"));
    }

    [Fact]
    public async Task AfterAsksTheServerForNewerMessagesOnly()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        var data = Sim.Data.Find(1002)!;
        var cursor = data.Messages[2].ChatMessageId.ToString();
        Sim.SeenRequests.Clear();

        var newer = await connection.GetMessagesAsync("1002", new ChatMessageQuery { After = cursor }, CancellationToken.None).ToListAsync();

        Assert.Equal(data.Messages.Skip(3).Select(m => m.ChatMessageId.ToString()), newer.Select(m => m.MessageId));
        var request = Assert.Single(Sim.SeenRequests);
        Assert.EndsWith("/ChatSession/1002/Messages", request.Path);
        Assert.Equal(cursor, request.Query["after"]);
    }

    [Fact]
    public async Task AnIncrementalPullResumesFromTheLastMessageRead()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var first = await connection.GetMessagesAsync("1003", new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        var next = await connection.GetMessagesAsync("1003", new ChatMessageQuery { After = first[^1].MessageId }, CancellationToken.None).ToListAsync();

        Assert.NotEmpty(first);
        Assert.Empty(next);
    }

    [Fact]
    public async Task SinceIsAppliedToTheMessages()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        var data = Sim.Data.Find(1001)!;
        var since = data.Messages[4].WhenPosted;

        var messages = await connection.GetMessagesAsync("1001", new ChatMessageQuery { Since = since }, CancellationToken.None).ToListAsync();

        Assert.Equal(data.Messages.Count(m => m.WhenPosted >= since), messages.Count);
        Assert.All(messages, m => Assert.True(m.Timestamp >= since));
    }

    [Fact]
    public async Task AnUnknownSessionIsNotFound()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetMessagesAsync("9999", new ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal("9999", error.SessionId);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("SoNotFoundException: ChatSession 9999 not found.", error.ProviderMessage);
        Assert.NotNull(error.Hint);
    }

    [Theory]
    [InlineData("abc", null)]
    [InlineData("1001", "last")]
    public async Task IdsThatAreNotNumbersAreInvalidForThatSession(string sessionId, string? after)
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetMessagesAsync(sessionId, new ChatMessageQuery { After = after }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(sessionId, error.SessionId);
    }

    [Fact]
    public async Task ManySessionsReadTogetherKeepTheirOrderAndOneFailureStaysItsOwn()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);
        var fetcher = new MessageFetcher(connection, concurrency: 4);

        var items = await fetcher.FetchAsync(Ids("1001", "9999", "1002", "1003"), _ => new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        var error = Assert.Single(items, i => i.Error is not null).Error!;
        Assert.Equal("9999", error.SessionId);
        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal(Sim.Data.Find(1001)!.Messages.Count, items.FindIndex(i => i.Error is not null));
        var sessions = items.Where(i => i.Message is not null).Select(i => i.Message!.SessionId).Distinct();
        Assert.Equal(["1001", "1002", "1003"], sessions);
        var expected = new[] { 1001, 1002, 1003 }.Sum(id => Sim.Data.Find(id)!.Messages.Count);
        Assert.Equal(expected, items.Count(i => i.Message is not null));
    }

    private static async IAsyncEnumerable<string> Ids(params string[] ids)
    {
        foreach (var id in ids)
        {
            await Task.Yield();
            yield return id;
        }
    }
}
