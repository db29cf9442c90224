using ChatHistory.Providers;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>
/// Issue 12, point 5: a Kommo session is described from the newest history page, which it reads
/// anyway. When that page holds the whole conversation (fewer entries than the 50 asked for), its
/// oldest entry is when the conversation started and its length the message count; a longer
/// conversation leaves both empty rather than paging to its start. amojo has no status.
/// </summary>
public class KommoSessionShapeTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task AConversationThatFitsOnePageHasItsStartAndCount()
    {
        var data = simulator.Host.State.Kommo.Data;
        var shortOne = data.Conversations.First(c => c.Messages.Count is > 0 and < 50);
        var longOne = data.Conversations.First(c => c.Messages.Count > 50);
        using var connection = await Connect.KommoAsync(simulator.Host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = [shortOne.Id, longOne.Id] }, CancellationToken.None).ToListAsync();

        var messages = await connection.GetMessagesAsync(shortOne.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        Assert.Equal(messages.Min(m => m.Timestamp), sessions[0].StartedAt);
        Assert.Equal(shortOne.Messages.Count, sessions[0].MessageCount);
        Assert.Null(sessions[0].Status);
        Assert.Null(sessions[0].ProviderStatus);
        Assert.Null(sessions[1].StartedAt);
        Assert.Null(sessions[1].MessageCount);
        Assert.NotNull(sessions[1].LastMessageAt);
    }

    [Fact]
    public async Task ALongConversationReadToItsFirstMessageHasItsStartWhenDescribedAgain()
    {
        var longOne = simulator.Host.State.Kommo.Data.Conversations.First(c => c.Messages.Count > 50);
        using var connection = await Connect.KommoAsync(simulator.Host);
        var query = new ChatSessionQuery { SessionIds = [longOne.Id] };

        var before = await connection.GetSessionsAsync(query, CancellationToken.None).SingleAsync();
        var messages = await connection.GetMessagesAsync(longOne.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        simulator.Host.Requests.Clear();
        var after = await connection.GetSessionsAsync(query, CancellationToken.None).SingleAsync();

        Assert.Null(before.StartedAt);
        Assert.Equal(messages[0].Timestamp, after.StartedAt);
        Assert.Null(after.MessageCount);
        Assert.Equal(1, simulator.Host.Requests.Count("/kommo/"));
    }

    [Fact]
    public async Task AReadStoppedByACursorOrSinceTellsNoStart()
    {
        var longOne = simulator.Host.State.Kommo.Data.Conversations.First(c => c.Messages.Count > 50);
        using var connection = await Connect.KommoAsync(simulator.Host);
        var all = await Connect.KommoAsync(simulator.Host, name: "other");
        var messages = await all.GetMessagesAsync(longOne.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        all.Dispose();

        await connection.GetMessagesAsync(longOne.Id, new ChatMessageQuery { Since = messages[^1].Timestamp }, CancellationToken.None).ToListAsync();
        await connection.GetMessagesAsync(longOne.Id, new ChatMessageQuery { After = messages[^2].MessageId }, CancellationToken.None).ToListAsync();
        var session = await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = [longOne.Id] }, CancellationToken.None).SingleAsync();

        Assert.Null(session.StartedAt);
    }
}
