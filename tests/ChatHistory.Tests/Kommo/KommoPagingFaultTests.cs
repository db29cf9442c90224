using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Kommo;

/// <summary>Each test runs its own simulator: these change how it answers.</summary>
public class KommoPagingFaultTests
{
    [Fact]
    public async Task MessagesArrivingWhilePagingAreNeitherRepeatedNorLost()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Kommo = new KommoOptions { GrowConversationsWhilePaging = true } });
        var conversation = host.State.Kommo.Data.Conversations[1];
        var original = conversation.Messages.Select(m => m.Id).ToList();
        using var connection = await Connect.KommoAsync(host);

        var messages = await connection.GetMessagesAsync(conversation.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        // The customer wrote after each page, pushing older messages onto the next page.
        Assert.True(conversation.Messages.Count > original.Count);
        Assert.Equal(original, messages.Select(m => m.MessageId));
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
