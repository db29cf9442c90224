using ChatHistory.Simulator;
using ChatHistory.Simulator.Bitrix24;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>The simulator is a tool: its shortcuts must not change what it serves.</summary>
public class Bitrix24SimulatorTests
{
    [Fact]
    public async Task AKeptHistoryIsTheHistoryBuiltAnew()
    {
        await using var host = await SimulatorHost.StartAsync();

        foreach (var session in host.State.Bitrix24.Data.ById.Values)
        {
            var built = Bitrix24Json.History(session).ToJsonString();
            Assert.Equal(built, session.History().ToJsonString());
            Assert.Equal(built, session.History().ToJsonString());
        }
    }
}
