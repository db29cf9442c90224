using ChatHistory.Connections;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Engine;

/// <summary>Disconnect-ChatProvider (or a new connection of the same name) while a read runs: the read finishes.</summary>
public class ConnectionLeaseTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => fixture.Host;

    [Fact]
    public async Task AReadUnderWayOutlivesTheConnectionsDisposal()
    {
        var connection = await Connect.RocketChatAsync(Host);
        var room = RocketChatExpected.RoomWithAtLeast(Host, 12);
        var expected = RocketChatExpected.VisibleMessageIds(Host, room).ToList();
        var read = new List<string>();

        await foreach (var message in connection.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = 3 }, CancellationToken.None))
        {
            read.Add(message.MessageId);
            if (read.Count == 1)
            {
                connection.Dispose();
            }
        }

        Assert.Equal(expected, read);
        var closed = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync());
        Assert.Equal(ChatErrorKind.InvalidArgument, closed.Kind);
        Assert.Contains("Connect-ChatProvider", closed.Hint);
    }

    [Fact]
    public async Task ALeaseKeepsTheConnectionOpenBetweenReadsUntilItEnds()
    {
        var connection = await Connect.RocketChatAsync(Host);
        var room = RocketChatExpected.RoomWithAtLeast(Host, 1);
        var lease = connection.Lease();

        connection.Dispose();
        var during = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        lease.Dispose();
        lease.Dispose();

        Assert.NotEmpty(during);
        Assert.Throws<ChatHistoryException>(() => connection.Lease());
    }

    [Fact]
    public async Task ReplacingAConnectionOfTheSameNameLetsItsReadFinish()
    {
        var name = "lease-" + Guid.NewGuid().ToString("N");
        var first = await Connect.RocketChatAsync(Host, name: name);
        ChatConnections.Register(first);
        var rooms = RocketChatExpected.Rooms(Host).Take(3).ToList();
        var read = new List<string>();

        try
        {
            await foreach (var item in new ChatHistory.Engine.MessageFetcher(first, 2).FetchAsync(rooms.Select(r => r.Id).ToAsyncEnumerable(), _ => new ChatMessageQuery { PageSize = 4 }, CancellationToken.None))
            {
                Assert.Null(item.Error);
                read.Add(item.Message!.MessageId);
                if (read.Count == 1)
                {
                    ChatConnections.Register(await Connect.RocketChatAsync(Host, name: name));
                }
            }
        }
        finally
        {
            ChatConnections.Remove(name);
        }

        Assert.Equal(rooms.SelectMany(r => RocketChatExpected.VisibleMessageIds(Host, r)), read);
    }
}
