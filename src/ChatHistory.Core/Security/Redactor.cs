using System.Collections.Concurrent;

namespace ChatHistory.Security;

/// <summary>
/// Removes a connection's secrets from any text before it reaches a log, an error or an object.
/// Every secret a connection holds is registered here when the connection is made.
/// </summary>
public sealed class Redactor
{
    public const string Mask = "***";

    // Short values would mask innocent text and are not secret-shaped anyway.
    private const int MinimumLength = 4;

    private readonly ConcurrentDictionary<string, byte> secrets = new(StringComparer.Ordinal);

    public void Add(Secret secret) => Add(secret.Reveal());

    public void Add(string value)
    {
        if (value.Length < MinimumLength)
        {
            return;
        }

        secrets.TryAdd(value, 0);
        var escaped = Uri.EscapeDataString(value);
        if (escaped != value)
        {
            secrets.TryAdd(escaped, 0);
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        // Longest first, so that a secret containing another one is masked whole.
        foreach (var secret in secrets.Keys.OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
