using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Simulator.SuperOffice;

namespace ChatHistory.Simulator;

/// <summary>How the simulator is set up: data size and seed, limits, per provider.</summary>
public sealed class SimulatorOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    public RocketChatOptions RocketChat { get; init; } = new();

    public Bitrix24Options Bitrix24 { get; init; } = new();
    public SuperOfficeOptions SuperOffice { get; init; } = new();

    public KommoOptions Kommo { get; init; } = new();
}
