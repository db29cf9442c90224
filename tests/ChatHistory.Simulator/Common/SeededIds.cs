namespace ChatHistory.Simulator.Common;

/// <summary>Deterministic ids and words from a seed, so that every run serves the same data.</summary>
public sealed class SeededIds(int seed)
{
    private const string IdAlphabet = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly string[] Words =
    [
        "order", "invoice", "refund", "password", "login", "delivery", "tracking", "account", "upgrade",
        "license", "printer", "network", "please", "thanks", "today", "error", "screen", "update", "help",
    ];

    public Random Random { get; } = new(seed);

    /// <summary>A 17-character id in Rocket.Chat's alphabet.</summary>
    public string MeteorId() => new(Enumerable.Range(0, 17).Select(_ => IdAlphabet[Random.Next(IdAlphabet.Length)]).ToArray());

    public string Sentence(int minWords = 3, int maxWords = 12) =>
        string.Join(' ', Enumerable.Range(0, Random.Next(minWords, maxWords + 1)).Select(_ => Words[Random.Next(Words.Length)]));

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];
}
