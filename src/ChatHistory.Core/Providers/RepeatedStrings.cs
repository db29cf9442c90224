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
    private readonly List<string> known = new(Capacity);

    /// <summary>The member's string, shared with earlier messages when equal; null when it is missing or not a string.</summary>
    public string? Of(JsonElement element, string name)
    {
        if (element.Get(name) is not { ValueKind: JsonValueKind.String } value)
        {
            return element.Str(name);
        }

        foreach (var text in known)
        {
            if (value.ValueEquals(text))
            {
                return text;
            }
        }

        var read = value.GetString()!;
        if (known.Count < Capacity)
        {
            known.Add(read);
        }

        return read;
    }
}
