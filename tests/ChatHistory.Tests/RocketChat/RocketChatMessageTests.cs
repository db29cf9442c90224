using System.Globalization;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.RocketChat;

/// <summary>Get-ChatMessage against the simulated Rocket.Chat: order, roles, attachments, cursors.</summary>
public class RocketChatMessageTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => simulator.Host;

    // The simulator writes messages in a fixed rotation: visitor, agent, bot, visitor file, edited agent, (join event), agent...
    private RocketRoom Room => RocketChatExpected.Rooms(Host).First(r => r.ClosedAt is not null && RocketChatExpected.VisibleMessages(Host, r).Count >= 8);

    [Fact]
    public async Task MessagesArriveOldestFirstAcrossPages()
    {
        var messages = await ReadAsync(Room.Id, new ChatMessageQuery { PageSize = 3 });

        Assert.Equal(RocketChatExpected.VisibleMessageIds(Host, Room), messages.Select(m => m.MessageId));
        Assert.Equal(messages.Select(m => m.Timestamp).Order(), messages.Select(m => m.Timestamp));
        Assert.All(messages, m => Assert.Equal(Room.Id, m.SessionId));
    }

    [Fact]
    public async Task RolesAreVisitorAgentBotAndSystem()
    {
        var messages = await ReadAsync(Room.Id, new ChatMessageQuery());

        Assert.Equal(
            [ChatAuthorRole.Visitor, ChatAuthorRole.Agent, ChatAuthorRole.Bot, ChatAuthorRole.Visitor, ChatAuthorRole.Agent, ChatAuthorRole.Agent],
            messages.Take(6).Select(m => m.AuthorRole));
        Assert.Equal("Rocket.Cat", messages[2].AuthorName);
        Assert.Equal("Hello! I am the assistant. See our FAQ (https://example.com/faq).", messages[2].Text);
        var closing = messages[^1];
        Assert.Equal(ChatAuthorRole.System, closing.AuthorRole);
        Assert.Equal(ChatMessageKinds.Event, closing.Kind);
        Assert.Equal("Closed by agent", closing.Text);
    }

    [Fact]
    public async Task AttachmentUrlsAreAbsoluteOnTheServer()
    {
        var raw = RocketChatExpected.VisibleMessages(Host, Room)[3].Json;
        var link = (string)raw["attachments"]![0]!["title_link"]!;

        var message = (await ReadAsync(Room.Id, new ChatMessageQuery()))[3];

        var attachment = Assert.Single(message.Attachments);
        Assert.Equal(Host.RocketChatUrl + link.TrimStart('/'), attachment.Url);
        Assert.True(Uri.IsWellFormedUriString(attachment.Url, UriKind.Absolute));
        Assert.Equal(ChatMessageKinds.Image, message.Kind);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal(48213, attachment.Size);
    }

    [Fact]
    public async Task EditedAtComesFromTheEdit()
    {
        var raw = RocketChatExpected.VisibleMessages(Host, Room)[4].Json;

        var messages = await ReadAsync(Room.Id, new ChatMessageQuery());

        Assert.Equal(DateTimeOffset.Parse((string)raw["editedAt"]!, CultureInfo.InvariantCulture), messages[4].EditedAt);
        Assert.Equal(messages[4].Timestamp.AddMinutes(1), messages[4].EditedAt);
        Assert.Null(messages[1].EditedAt);
    }

    [Fact]
    public async Task AfterResumesBehindTheCursorMessage()
    {
        var ids = RocketChatExpected.VisibleMessageIds(Host, Room);

        var messages = await ReadAsync(Room.Id, new ChatMessageQuery { After = ids[2], PageSize = 3 });

        Assert.Equal(ids.Skip(3), messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task AfterTheLastMessageIsEmpty()
    {
        var ids = RocketChatExpected.VisibleMessageIds(Host, Room);

        var messages = await ReadAsync(Room.Id, new ChatMessageQuery { After = ids[^1] });

        Assert.Empty(messages);
    }

    [Fact]
    public async Task UnknownAfterIsNotFoundAndEmitsNothing()
    {
        using var connection = await Connect.RocketChatAsync(Host);

        var (messages, error) = await connection.GetMessagesAsync(Room.Id, new ChatMessageQuery { After = "NoSuchMessage0001", PageSize = 3 }, CancellationToken.None)
            .UntilErrorAsync();

        Assert.Empty(messages);
        var failure = Assert.IsType<ChatHistoryException>(error);
        Assert.Equal(ChatErrorKind.NotFound, failure.Kind);
        Assert.Equal(Room.Id, failure.SessionId);
        Assert.Contains("NoSuchMessage0001", failure.Message);
    }

    [Fact]
    public async Task SinceKeepsMessagesAtOrAfterTheInstant()
    {
        var expected = RocketChatExpected.VisibleMessages(Host, Room);
        var since = expected[4].Timestamp;

        var messages = await ReadAsync(Room.Id, new ChatMessageQuery { Since = since, PageSize = 3 });

        Assert.Equal(expected.Skip(4).Select(m => m.Id), messages.Select(m => m.MessageId));
    }

    private async Task<List<ChatMessage>> ReadAsync(string sessionId, ChatMessageQuery query)
    {
        using var connection = await Connect.RocketChatAsync(Host);
        return await connection.GetMessagesAsync(sessionId, query, CancellationToken.None).ToListAsync();
    }
}
