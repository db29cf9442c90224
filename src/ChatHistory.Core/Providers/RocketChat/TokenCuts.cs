using System.Text.Json;

namespace ChatHistory.Providers.RocketChat;

/// <summary>
/// The "token" members of one message, cut out of its JSON as it came: the livechat visitor token
/// lets anyone write as that visitor, so it never reaches Raw. A member is cut from its name to the
/// end of its value with one comma beside it, so the rest stays valid JSON, byte for byte as sent.
/// </summary>
internal sealed class TokenCuts
{
    private readonly List<(int Start, int End)> cuts = [];

    public void Clear() => cuts.Clear();

    /// <summary>True when the reader is on the name of a member to cut.</summary>
    public static bool IsToken(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("token"u8);

    /// <summary>
    /// Cuts the member whose name the reader is on; the reader is left on the value's last token.
    /// The comma before the member goes with it, or the one after when it is the first member or
    /// that comma already went with the member before (a run of cut members from the start).
    /// </summary>
    public void Cut(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var end = (int)reader.BytesConsumed;
        var before = start - 1;
        while (IsWhiteSpace(json[before]))
        {
            before--;
        }

        if (json[before] == (byte)',' && (cuts.Count == 0 || cuts[^1].End <= before))
        {
            start = before;
        }
        else
        {
            var after = end;
            while (after < json.Length && IsWhiteSpace(json[after]))
            {
                after++;
            }

            if (after < json.Length && json[after] == (byte)',')
            {
                end = after + 1;
            }
        }

        cuts.Add((start, end));
    }

    /// <summary>Moves the reader past the value it is on, cutting every "token" member inside it.</summary>
    public void SkipValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (IsToken(ref reader))
            {
                Cut(ref reader, json);
            }
        }
    }

    /// <summary>The JSON from start to end without the cut members, as UTF-8.</summary>
    public byte[] Apply(ReadOnlySpan<byte> json, int start, int end)
    {
        var length = end - start;
        foreach (var (cutStart, cutEnd) in cuts)
        {
            length -= cutEnd - cutStart;
        }

        var kept = new byte[length];
        var written = 0;
        var from = start;
        foreach (var (cutStart, cutEnd) in cuts)
        {
            json[from..cutStart].CopyTo(kept.AsSpan(written));
            written += cutStart - from;
            from = cutEnd;
        }

        json[from..end].CopyTo(kept.AsSpan(written));
        return kept;
    }

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}
