using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>Each test runs its own simulator: these change how it answers.</summary>
public class KommoPagingFaultTests
{
    /// <summary>
    /// amojo serves history newest first by offset (developers.kommo.com/reference/chat-history:
    /// offset = "how many records from the beginning of the selection we skip"; the order is seen in
    /// the vendor's example), so a message posted while a conversation is read shifts every later page.
    /// The read must return every message present when it ends, each once: the late ones included.
    /// (This test used to assert that the late messages were left out.)
    /// </summary>
    [Fact]
    public async Task MessagesArrivingWhilePagingAreReturnedOnceEach()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Kommo = new KommoOptions { MessagesArrivingWhilePaging = 3 } });
        var conversation = host.State.Kommo.Data.Conversations[1];
        var original = conversation.Messages.Select(m => m.Id).ToList();
        using var connection = await Connect.KommoAsync(host);

        var messages = await connection.GetMessagesAsync(conversation.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        // The customer wrote after each of the three pages, pushing older messages onto the next page.
        Assert.Equal(original.Count + 3, conversation.Messages.Count);
        Assert.Equal(conversation.Messages.Select(m => m.Id), messages.Select(m => m.MessageId));
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task MoreArrivalsThanAPageAreCaughtUpPageByPage()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Kommo = new KommoOptions { MessagesArrivingWhilePaging = 4 } });
        var conversation = host.State.Kommo.Data.Conversations[1];
        using var connection = await Connect.KommoAsync(host);

        var messages = await connection.GetMessagesAsync(conversation.Id, new ChatMessageQuery { PageSize = 2 }, CancellationToken.None).ToListAsync();

        // Pages of 2: four messages arrive during the first four pages, more than one catch-up page holds.
        Assert.Equal(conversation.Messages.Select(m => m.Id), messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task WithoutArrivalsNoPageIsReadTwice()
    {
        await using var host = await SimulatorHost.StartAsync();
        var conversation = host.State.Kommo.Data.Conversations[1];
        using var connection = await Connect.KommoAsync(host);
        host.Requests.Clear();

        var messages = await connection.GetMessagesAsync(conversation.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(conversation.Messages.Count, messages.Count);
        // 120 messages: offsets 0, 50 and 100, nothing more.
        Assert.Equal(3, host.Requests.Count("/kommo/v2/"));
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.TooManyRequests)]
    [InlineData(FaultKind.DropConnection)]
    public async Task TransientFailuresAreRetriedWithAFreshSignature(FaultKind fault)
    {
        await using var host = await SimulatorHost.StartAsync();
        var conversation = host.State.Kommo.Data.Conversations[1];
        using var connection = await Connect.KommoAsync(host);
        host.Faults.Add(new FaultRule { Kind = fault, PathPrefix = "/kommo/v2/", Every = 2, Times = 2 });

        var messages = await connection.GetMessagesAsync(conversation.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(2, host.Faults.Injected);
        Assert.Equal(conversation.Messages.Select(m => m.Id), messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task ThrottlingThatOutlastsTheRetriesIsThrottledWithAHint()
    {
        await using var host = await SimulatorHost.StartAsync();
        var conversation = host.State.Kommo.Data.Conversations[1];
        using var connection = await Connect.KommoAsync(host);
        host.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = "/kommo/v2/" });

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetMessagesAsync(conversation.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.Throttled, error.Kind);
        Assert.Equal(conversation.Id, error.SessionId);
        Assert.Contains("7 requests per second", error.Hint);
        Assert.Equal(Connect.FastPolicy.MaxAttempts, host.Faults.Injected);
    }

    [Fact]
    public async Task HtmlErrorPageIsAProtocolError()
    {
        await using var host = await SimulatorHost.StartAsync();
        var conversation = host.State.Kommo.Data.Conversations[1];
        using var connection = await Connect.KommoAsync(host);
        // A proxy's 502 page, every time: retried, then reported for what it is.
        host.Faults.Add(new FaultRule { Kind = FaultKind.HtmlErrorPage, PathPrefix = "/kommo/v2/" });

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetMessagesAsync(conversation.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.ProtocolError, error.Kind);
        Assert.Contains("HTML", error.Message);
        Assert.Equal(conversation.Id, error.SessionId);
    }
}
