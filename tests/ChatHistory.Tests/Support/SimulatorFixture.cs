using ChatHistory.Simulator;

namespace ChatHistory.Tests.Support;

/// <summary>A simulator with default options shared by the tests of one class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
