using ChatHistory.Connections;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>Conversation history over real HTTP: paging, order, cursors and the 204 answer.</summary>
public class KommoMessagesTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => simulator.Host;

    private KommoData Data => Host.State.Kommo.Data;

    /// <summary>The second conversation: 120 messages, three pages of 50.</summary>
    private KommoConversation Long => Data.Conversations[1];

    [Fact]
    public async Task LongConversationComesOldestFirstAcrossPages()
    {
        using var connection = await Connect.KommoAsync(Host);
        var before = HistoryRequests(Long);

        var messages = await connection.GetMessagesAsync(Long.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(Long.Messages.Select(m => m.Id), messages.Select(m => m.MessageId));
        Assert.Equal(Long.Messages.Select(m => m.At), messages.Select(m => m.Timestamp));
        Assert.All(messages, m => Assert.Equal(Long.Id, m.SessionId));
        Assert.Equal(3, HistoryRequests(Long) - before);
    }

    [Theory]
    [InlineData(500, 3)]
    [InlineData(30, 5)] // four full pages, then a 204 that shows the end
    public async Task PageSizeIsClampedToAmojosMaximumOf50(int pageSize, int expectedRequests)
    {
        using var connection = await Connect.KommoAsync(Host);
        var before = HistoryRequests(Long);

        // The simulator answers 400 to a limit above 50, as amojo does.
        var messages = await connection.GetMessagesAsync(Long.Id, new ChatMessageQuery { PageSize = pageSize }, CancellationToken.None).ToListAsync();

        Assert.Equal(120, messages.Count);
        Assert.Equal(expectedRequests, HistoryRequests(Long) - before);
    }

    [Fact]
    public async Task NoContentMeansNoMessagesNotAnError()
    {
        using var connection = await Connect.KommoAsync(Host);

        var empty = await connection.GetMessagesAsync(Data.Conversations[0].Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        var unknown = await connection.GetMessagesAsync(Guid.NewGuid().ToString(), new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Empty(empty);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task EveryDocumentedTypeArrivesWithItsKindAuthorAndAttachment()
    {
        using var connection = await Connect.KommoAsync(Host);

        var messages = await connection.GetMessagesAsync(Long.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        var kinds = messages.Select(m => m.Kind).ToHashSet();
        string[] expected =
        [
            ChatMessageKinds.Text, ChatMessageKinds.Image, ChatMessageKinds.Video, ChatMessageKinds.File, ChatMessageKinds.Voice,
            ChatMessageKinds.Audio, ChatMessageKinds.Sticker, ChatMessageKinds.Location, ChatMessageKinds.Contact,
        ];
        Assert.Subset(kinds, expected.ToHashSet());
        var picture = messages.First(m => m.Kind == ChatMessageKinds.Image);
        // The vendor's path shape (/attachments/{id}/{name}) on the amojo base the connection uses, so that it can be downloaded.
        Assert.StartsWith(Host.KommoUrl + "attachments/", Assert.Single(picture.Attachments).Url);
        Assert.Equal(183_204, picture.Attachments[0].Size);
        var customerId = (string)Long.Customer["id"]!;
        Assert.All(messages.Where(m => m.AuthorId == customerId), m => Assert.Equal(ChatAuthorRole.Visitor, m.AuthorRole));
        Assert.All(messages.Where(m => m.AuthorId != customerId), m => Assert.Equal(ChatAuthorRole.Agent, m.AuthorRole));
        Assert.Contains(messages, m => m.AuthorRole == ChatAuthorRole.Agent && m.AuthorName == (string)Long.Agent["name"]!);
        // Some entries have only the seconds: their time is the whole second.
        Assert.Contains(messages, m => m.Timestamp.Millisecond == 0 && !m.Raw!.Contains("msec_timestamp"));
    }

    [Fact]
    public async Task SinceReturnsTheNewerMessagesAndStopsPaging()
    {
        using var connection = await Connect.KommoAsync(Host);
        var since = Long.Messages[^30].At;
        var before = HistoryRequests(Long);

        var messages = await connection.GetMessagesAsync(Long.Id, new ChatMessageQuery { Since = since }, CancellationToken.None).ToListAsync();

        Assert.Equal(Long.Messages.TakeLast(30).Select(m => m.Id), messages.Select(m => m.MessageId));
        Assert.Equal(1, HistoryRequests(Long) - before);
    }

    [Fact]
    public async Task AfterResumesFromTheCursorMessage()
    {
        using var connection = await Connect.KommoAsync(Host);
        var cursor = Long.Messages[99].Id;

        var messages = await connection.GetMessagesAsync(Long.Id, new ChatMessageQuery { After = cursor }, CancellationToken.None).ToListAsync();

        Assert.Equal(Long.Messages.Skip(100).Select(m => m.Id), messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task UnknownCursorIsNotFoundForThatConversation()
    {
        using var connection = await Connect.KommoAsync(Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetMessagesAsync(Long.Id, new ChatMessageQuery { After = "no-such-message" }, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal(Long.Id, error.SessionId);
        Assert.Contains("-Since", error.Hint);
    }

    [Fact]
    public async Task ManyConversationsThroughTheFetcherKeepTheirOrder()
    {
        using var connection = await Connect.KommoAsync(Host);
        var conversations = Data.Conversations.Take(6).ToList();

        var items = await new ChatHistory.Engine.MessageFetcher(connection, concurrency: 3)
            .FetchAsync(Ids(conversations), _ => new ChatMessageQuery(), CancellationToken.None)
            .ToListAsync();

        Assert.All(items, item => Assert.Null(item.Error));
        Assert.Equal(conversations.SelectMany(c => c.Messages.Select(m => m.Id)), items.Select(item => item.Message!.MessageId));
    }

    private int HistoryRequests(KommoConversation conversation) =>
        Host.Requests.Count($"/kommo/v2/origin/custom/{Host.State.Kommo.Options.ScopeId}/chats/{conversation.Id}/history");

    private static async IAsyncEnumerable<string> Ids(IEnumerable<KommoConversation> conversations)
    {
        foreach (var conversation in conversations)
        {
            await Task.Yield();
            yield return conversation.Id;
        }
    }
}
