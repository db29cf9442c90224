using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.RocketChat;

/// <summary>offset/count paging at its edges: nothing, full pages only, a short last page, a growing total.</summary>
public class RocketChatPagingTests
{
    private const string RoomsPath = "v1/livechat/rooms";

    [Fact]
    public async Task NoRoomsIsOneRequestAndNothing()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 0 });
        using var connection = await Connect.RocketChatAsync(host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 25 }, CancellationToken.None).ToListAsync();

        Assert.Empty(sessions);
        Assert.Equal(1, RocketChatExpected.RequestsTo(host, RoomsPath));
    }

    [Fact]
    public async Task VisitorWithoutHistoryIsEmpty()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 3 });
        using var connection = await Connect.RocketChatAsync(host);
        var room = RocketChatExpected.Rooms(host)[1].Id;

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { VisitorId = "nobodyAtAll000001", SessionIds = [room] }, CancellationToken.None).ToListAsync();

        Assert.Empty(sessions);
        Assert.Equal(1, RocketChatExpected.RequestsTo(host, "v1/livechat/visitors.chatHistory"));
    }

    [Theory]
    [InlineData(50, 25, 2)]
    [InlineData(51, 25, 3)]
    [InlineData(49, 25, 2)]
    [InlineData(7, 1, 7)]
    public async Task RoomsArriveOnceWithNoExtraRequest(int roomCount, int pageSize, int expectedRequests)
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = roomCount, MaxMessagesPerRoom = 2 });
        using var connection = await Connect.RocketChatAsync(host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = pageSize }, CancellationToken.None).ToListAsync();

        Assert.Equal(RocketChatExpected.Rooms(host).Select(r => r.Id), sessions.Select(s => s.SessionId));
        Assert.Equal(expectedRequests, RocketChatExpected.RequestsTo(host, RoomsPath));
    }

    [Fact]
    public async Task MessagesFillingWholePagesTakeNoExtraRequest()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 12, MaxMessagesPerRoom = 40, Seed = 99 });
        var room = RocketChatExpected.Rooms(host).First(r => RocketChatExpected.VisibleMessages(host, r) is { Count: >= 6 } m && m.Count % 3 == 0);
        var expected = RocketChatExpected.VisibleMessageIds(host, room);

        var read = await ReadMessagesAsync(host, room, pageSize: expected.Count / 3);

        Assert.Equal(expected, read);
        Assert.Equal(3, MessageRequests(host, room));
    }

    [Fact]
    public async Task MessagesWithAShortLastPage()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 12, MaxMessagesPerRoom = 40, Seed = 99 });
        var room = RocketChatExpected.RoomWithAtLeast(host, 5);
        var expected = RocketChatExpected.VisibleMessageIds(host, room);

        var read = await ReadMessagesAsync(host, room, pageSize: expected.Count - 1);

        Assert.Equal(expected, read);
        Assert.Equal(2, MessageRequests(host, room));
    }

    [Fact]
    public async Task MessagesAddedWhilePagingAreReadOnceInOrder()
    {
        await using var host = await Simulators.StartAsync(new RocketChatOptions { RoomCount = 6, MaxMessagesPerRoom = 40, GrowRoomsWhilePaging = true });
        var room = RocketChatExpected.RoomWithAtLeast(host, 12);
        var before = RocketChatExpected.VisibleMessageIds(host, room);

        var read = await ReadMessagesAsync(host, room, pageSize: 4);

        // Each page read appends one message; the one appended after the last page is not seen.
        var after = RocketChatExpected.VisibleMessageIds(host, room);
        var pages = MessageRequests(host, room);
        Assert.Equal(before.Count + pages, after.Count);
        Assert.Equal(after.Take(after.Count - 1), read);
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.True(read.Count > before.Count, "messages added while paging should be read too");
    }

    private static async Task<List<string>> ReadMessagesAsync(SimulatorHost host, RocketRoom room, int pageSize)
    {
        using var connection = await Connect.RocketChatAsync(host);
        var messages = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery { PageSize = pageSize }, CancellationToken.None).ToListAsync();
        return messages.Select(m => m.MessageId).ToList();
    }

    private static int MessageRequests(SimulatorHost host, RocketRoom room) =>
        RocketChatExpected.RequestsTo(host, $"v1/livechat/{room.Id}/messages");
}
