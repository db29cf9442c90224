using ChatHistory.Providers;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>
/// imopenlines.v2.Session.list takes its filters as top-level parameters (b24-rest-docs
/// api-reference/imopenlines/statistics/imopenlines-v2-session-list.md); inside a "filter" object
/// the portal would ignore them and send every session, which the client-side filter would then hide.
/// </summary>
public class Bitrix24SessionListParameterTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task TheOpenLineIsFilteredOnTheServer()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        var expected = simulator.Host.State.Bitrix24.Data.Sessions.Count(s => s.LineId == 2);
        simulator.Host.Requests.Clear();

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { Channel = "2", PageSize = 10 }, CancellationToken.None).ToListAsync();

        Assert.Equal(expected, sessions.Count);
        Assert.Equal((expected + 9) / 10, simulator.Host.Requests.Count("/bitrix24/"));
    }
}
