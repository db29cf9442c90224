using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;

namespace ChatHistory.Tests.Support;

/// <summary>Starts a simulator of its own for tests that change its data or inject faults.</summary>
public static class Simulators
{
    public static Task<SimulatorHost> StartAsync(RocketChatOptions? rocketChat = null) =>
        SimulatorHost.StartAsync(new SimulatorOptions { RocketChat = rocketChat ?? new RocketChatOptions() });
}
