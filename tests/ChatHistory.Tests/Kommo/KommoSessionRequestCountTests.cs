using ChatHistory.Connections;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>
/// Issue 9, point 10: describing a conversation (Get-ChatSession -SessionId) reads its newest history
/// page, which is the page the message read starts with. Import-Csv ids.csv | Get-ChatSession |
/// Get-ChatMessage must cost no more requests than reading the messages alone, counted in the
/// simulator's request log.
/// </summary>
public class KommoSessionRequestCountTests
{
    [Fact]
    public async Task SessionsThenMessagesCostNoMoreThanTheMessagesAlone()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ids = host.State.Kommo.Data.Conversations.Select(c => c.Id).ToList();

        var messagesOnly = await CountAsync(host, async connection =>
        {
            foreach (var id in ids)
            {
                await connection.GetMessagesAsync(id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
            }
        });
        var sessionsThenMessages = await CountAsync(host, async connection =>
        {
            // As the pipeline runs it: each session, once described, is read.
            await foreach (var session in connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ids }, CancellationToken.None))
            {
                await connection.GetMessagesAsync(session.SessionId, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
            }
        });

        // 12 conversations, one empty and one of three pages: more requests than conversations.
        Assert.True(messagesOnly > ids.Count);
        Assert.Equal(messagesOnly, sessionsThenMessages);
    }

    [Fact]
    public async Task AllSessionsFirstThenTheirMessagesCostNoMoreEither()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ids = host.State.Kommo.Data.Conversations.Select(c => c.Id).ToList();

        var messagesOnly = await CountAsync(host, async connection =>
        {
            foreach (var id in ids)
            {
                await connection.GetMessagesAsync(id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
            }
        });
        var described = new List<string>();
        var sessionsThenMessages = await CountAsync(host, async connection =>
        {
            var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ids }, CancellationToken.None).ToListAsync();
            foreach (var session in sessions)
            {
                var messages = await connection.GetMessagesAsync(session.SessionId, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
                Assert.Equal(host.State.Kommo.Data.Find(session.SessionId)!.Messages.Select(m => m.Id), messages.Select(m => m.MessageId));
                described.Add(session.SessionId);
            }
        });

        Assert.Equal(ids, described);
        Assert.Equal(messagesOnly, sessionsThenMessages);
    }

    [Fact]
    public async Task AStalePageIsReadAgain()
    {
        await using var host = await SimulatorHost.StartAsync();
        var conversation = host.State.Kommo.Data.Conversations[2];
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var connection = await Connect.KommoAsync(host, time: clock);
        host.Requests.Clear();

        await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = [conversation.Id] }, CancellationToken.None).ToListAsync();
        clock.Now += TimeSpan.FromMinutes(1);
        var messages = await connection.GetMessagesAsync(conversation.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        // A page kept longer than it may be trusted is not used: the message read asks again.
        Assert.Equal(conversation.Messages.Select(m => m.Id), messages.Select(m => m.MessageId));
        Assert.Equal(2, host.Requests.Count("/kommo/v2/"));
    }

    private static async Task<int> CountAsync(SimulatorHost host, Func<ChatConnection, Task> read)
    {
        using var connection = await Connect.KommoAsync(host, withAccount: false);
        host.Requests.Clear();
        await read(connection);
        return host.Requests.Count("/kommo/v2/");
    }
}
