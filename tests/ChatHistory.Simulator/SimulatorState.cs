using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Simulator.Common;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Simulator.SuperOffice;

namespace ChatHistory.Simulator;

/// <summary>Everything the running simulator holds: faults, request log and each provider's data.</summary>
public sealed class SimulatorState(SimulatorOptions options)
{
    public FaultInjector Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    public RocketChatState RocketChat { get; } = new(options.RocketChat);

    public Bitrix24State Bitrix24 { get; } = new(options.Bitrix24);
    public SuperOfficeState SuperOffice { get; } = new(options.SuperOffice);

    public KommoState Kommo { get; } = new(options.Kommo);

    /// <summary>Files on a host of no platform (the simulator's second port), served without any credentials.</summary>
    public FileCatalog Cdn { get; } = new("cdn");
}
