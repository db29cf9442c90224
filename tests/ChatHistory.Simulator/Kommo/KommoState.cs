namespace ChatHistory.Simulator.Kommo;

/// <summary>The Kommo side of the simulator: options, data and the request limit.</summary>
public sealed class KommoState(KommoOptions options)
{
    public KommoOptions Options { get; } = options;

    public KommoData Data { get; } = new(options);

    public KommoRateLimit RateLimit { get; } = new(options.RequestsPerSecond);
}
