using System.Text;
using System.Text.Json;

namespace ChatHistory.Providers;

/// <summary>
/// The strings that repeat from message to message of one session (its id, its few authors' ids
/// and names), read from the JSON once and shared, instead of a copy in every message. For one
/// session's read at a time: not thread-safe.
/// </summary>
public sealed class RepeatedStrings
{
    // A session has a visitor, an agent or two and perhaps a bot: a short list beats a dictionary,
    // which would need the string it looks up.
    private const int Capacity = 16;
    private readonly List<(string Text, byte[] Utf8)> known = new(Capacity);

    /// <summary>The string the reader is on, shared with earlier reads when equal.</summary>
    public string Of(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidOperationException($"A shared string is read from a string token, not {reader.TokenType}.");
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var value = reader.ValueSpan;
            foreach (var (text, utf8) in known)
            {
                if (value.SequenceEqual(utf8))
                {
                    return text;
                }
            }
        }
        else
        {
            foreach (var (text, _) in known)
            {
                if (reader.ValueTextEquals(text))
                {
                    return text;
                }
            }
        }

        var read = reader.GetString()!;
        if (known.Count < Capacity)
        {
            known.Add((read, Encoding.UTF8.GetBytes(read)));
        }

        return read;
    }
}
