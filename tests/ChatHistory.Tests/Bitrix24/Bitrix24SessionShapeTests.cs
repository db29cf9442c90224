using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>
/// Issue 12, point 5: a session read by id (imopenlines.dialog.get) has what the listed one
/// (imopenlines.v2.Session.list) has. dialog.get describes the chat only, so the by-id path reads the
/// session's history (imopenlines.session.history.get) in the same batch call.
/// </summary>
public class Bitrix24SessionShapeTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task ASessionReadByIdHasTheListedSessionsTimesCountAndPeople()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        var all = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync();
        var listed = all.Take(6).Concat(all.TakeLast(6)).ToList();
        var ids = listed.Select(s => s.SessionId).ToList();

        var byId = await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ids }, CancellationToken.None).ToListAsync();

        Assert.Equal(ids, byId.Select(s => s.SessionId));
        Assert.Contains(listed, s => s.Status == "Open");
        foreach (var (list, read) in listed.Zip(byId))
        {
            Assert.NotNull(read.StartedAt);
            Assert.Equal(list.StartedAt, read.StartedAt);
            Assert.Equal(list.EndedAt, read.EndedAt);
            Assert.Equal(list.MessageCount, read.MessageCount);
            Assert.Equal(list.Status, read.Status);
            Assert.Equal(list.VisitorId, read.VisitorId);
            Assert.Equal(list.AgentId, read.AgentId);
            Assert.Equal(list.Channel, read.Channel);
            Assert.Equal(list.Source, read.Source);
            Assert.Equal(list.ChatId, read.ChatId);
        }
    }

    [Fact]
    public async Task ReadingASessionByIdIsStillOneRequest()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        simulator.Host.Requests.Clear();

        await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["503"] }, CancellationToken.None).ToListAsync();

        Assert.Single(simulator.Host.Requests.Entries, entry => entry.Contains("/bitrix24/", StringComparison.Ordinal));
    }

    /// <summary>The vendor's history sample (b24-rest-docs imopenlines-session-history-get.md).</summary>
    [Fact]
    public void FactsComeFromTheStartAndEndMarkersOfTheVendorsHistorySample()
    {
        using var document = JsonDocument.Parse(Fixtures.Read("bitrix24-session-history-get.json"));
        var result = document.RootElement.GetProperty("result");

        var facts = Bitrix24SessionFacts.Of(result);

        Assert.Equal(DateTimeOffset.Parse("2023-05-19T01:40:26+02:00"), facts.StartedAt);
        Assert.Equal(DateTimeOffset.Parse("2023-05-30T07:45:34+02:00"), facts.EndedAt);
        Assert.Equal(9, facts.MessageCount);
        Assert.Equal("450", facts.VisitorId);
        Assert.Null(facts.AgentId);
    }
}
