namespace ChatHistory.Simulator.Kommo;

/// <summary>The Kommo side of the simulator: options and data.</summary>
public sealed class KommoState(KommoOptions options)
{
    public KommoOptions Options { get; } = options;

    public KommoData Data { get; } = new(options);
}
