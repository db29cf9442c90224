using System.Globalization;
using System.Text;

namespace ChatHistory.Attachments;

/// <summary>
/// Turns a file name a platform sent into one that is safe on Windows, macOS and Linux: a single
/// path segment (no separators, no . or ..), no control or reserved characters, no reserved device
/// name (CON, NUL, COM1, ... with any extension), no trailing dot or space, and short enough.
/// </summary>
public static class SafeFileName
{
    /// <summary>The longest name produced, in UTF-16 characters, leaving room for a folder and a " (2)" suffix.</summary>
    public const int MaxLength = 150;

    public const string Fallback = "attachment";

    private const int MaxExtensionLength = 16;

    private static readonly HashSet<string> ReservedDevices = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    public static string From(string? name)
    {
        var text = Clean(name ?? string.Empty);
        // Only the last segment of a name like ../../x or a\b/c.txt is kept: the rest is a path.
        var lastSeparator = text.LastIndexOfAny(['/', '\\']);
        text = lastSeparator >= 0 ? text[(lastSeparator + 1)..] : text;
        text = text.Trim().TrimEnd('.', ' ').TrimStart(' ');
        if (text.Length == 0 || text.All(c => c == '.'))
        {
            return Fallback;
        }

        var dot = text.IndexOf('.');
        var stem = dot < 0 ? text : text[..dot];
        if (ReservedDevices.Contains(stem.TrimEnd(' ')))
        {
            text = "_" + text;
        }

        return Shorten(text);
    }

    /// <summary>"name (2).ext": the name that follows <paramref name="safeName"/> when it is taken.</summary>
    public static string WithSuffix(string safeName, int number)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $" ({number})");
        var (stem, extension) = Split(safeName);
        var room = MaxLength - suffix.Length - extension.Length;
        return TrimToLength(stem, Math.Max(1, room)).TrimEnd('.', ' ') + suffix + extension;
    }

    /// <summary>Drops control characters and replaces those Windows forbids in names.</summary>
    private static string Clean(string name)
    {
        var builder = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsSurrogate(c))
            {
                // A pair is kept whole; a lone half is no character at all and would break normalisation.
                if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                {
                    builder.Append(c).Append(name[++i]);
                }

                continue;
            }

            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E')
            {
                continue;
            }

            builder.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var (stem, extension) = Split(name);
        return TrimToLength(stem, MaxLength - extension.Length).TrimEnd('.', ' ') + extension;
    }

    /// <summary>The extension is kept only when it looks like one (short, after a non-empty stem).</summary>
    private static (string Stem, string Extension) Split(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name.Length - dot <= MaxExtensionLength ? (name[..dot], name[dot..]) : (name, string.Empty);
    }

    /// <summary>Cuts at most <paramref name="length"/> characters without splitting a surrogate pair.</summary>
    private static string TrimToLength(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..cut];
    }
}
