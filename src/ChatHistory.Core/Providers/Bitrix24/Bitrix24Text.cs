using System.Text;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Bitrix24 messenger BBCode to plain text: mentions keep the name, links keep their target,
/// [br] breaks the line, quotes become "> " lines, every other known tag goes and its text stays.
/// Text that only looks like a tag (an unclosed "[U") is left alone.
/// </summary>
/// <remarks>
/// One pass over the text, without regular expressions: half of a history's messages carry tags,
/// and six regex passes over each took a fifth of the history reader's time and most of the JIT
/// work of a first read. The insides of links and quotes are converted the same way.
/// </remarks>
public static class Bitrix24Text
{
    // The messenger's own quote: the quoted lines between two rules of at least 20 dashes.
    private const string DashRule = "--------------------";
    private const string ClosingRule = "\n" + DashRule;

    private static readonly string[] FormattingTags =
    [
        "b", "i", "u", "s", "del", "code", "color", "size", "font", "left", "right", "center", "justify",
        "user", "chat", "send", "put", "call", "context", "pch", "list", "*",
    ];

    // Tags that stand for an object and carry no text of their own; any tag that starts so goes.
    private static readonly string[] SelfContainedTags = ["attach", "disk", "timestamp", "icon", "smile"];

    public static string PlainText(string? bbcode)
    {
        if (string.IsNullOrEmpty(bbcode))
        {
            return string.Empty;
        }

        if (!bbcode.Contains('[') && !bbcode.Contains(DashRule, StringComparison.Ordinal))
        {
            return bbcode.Trim();
        }

        // [br] first, as the line break it is: a rule or a quote's end may be written with one.
        var text = bbcode.Replace("[br]", "\n", StringComparison.OrdinalIgnoreCase);
        var plain = new StringBuilder(text.Length);
        Append(plain, text);
        return plain.ToString().Trim();
    }

    private static void Append(StringBuilder plain, ReadOnlySpan<char> text)
    {
        while (true)
        {
            var next = text.IndexOfAny('[', '-');
            if (next < 0)
            {
                plain.Append(text);
                return;
            }

            plain.Append(text[..next]);
            text = text[next..];
            var consumed = text[0] == '[' ? Tag(plain, text) : DashQuote(plain, text);
            if (consumed == 0)
            {
                // Not markup: the character stays, and a run of dashes stays whole.
                consumed = text[0] == '[' ? 1 : Dashes(text);
                plain.Append(text[..consumed]);
            }

            text = text[consumed..];
        }
    }

    /// <summary>The tag at the start of <paramref name="text"/> converted into <paramref name="plain"/>; how much it took, 0 if it is no tag.</summary>
    private static int Tag(StringBuilder plain, ReadOnlySpan<char> text)
    {
        var close = text.IndexOf(']');
        if (close < 0)
        {
            return 0;
        }

        var inner = text[1..close];
        var after = close + 1;
        if (Opens(inner, "url"))
        {
            return Link(plain, text, inner, after);
        }

        if (Opens(inner, "quote"))
        {
            return QuoteBlock(plain, text, after);
        }

        return IsSelfContained(inner) || IsFormatting(inner) ? after : 0;
    }

    /// <summary>[url]target[/url] or [url=target]label[/url]: the label, and the target too when it says something else.</summary>
    private static int Link(StringBuilder plain, ReadOnlySpan<char> text, ReadOnlySpan<char> inner, int labelStart)
    {
        var labelLength = text[labelStart..].IndexOf("[/url]", StringComparison.OrdinalIgnoreCase);
        if (labelLength < 0)
        {
            return 0;
        }

        var start = plain.Length;
        Append(plain, text.Slice(labelStart, labelLength));
        var label = plain.ToString(start, plain.Length - start);
        plain.Length = start;
        var target = inner.Length > 3 ? inner[4..].Trim("\"'") : [];
        if (target.IsEmpty || label.Length == 0 || target.Equals(label, StringComparison.OrdinalIgnoreCase))
        {
            plain.Append(label.Length == 0 ? target : label);
        }
        else
        {
            plain.Append(label).Append(" (").Append(target).Append(')');
        }

        return labelStart + labelLength + "[/url]".Length;
    }

    /// <summary>[quote]body[/quote] (the line break after it too) as "> " lines.</summary>
    private static int QuoteBlock(StringBuilder plain, ReadOnlySpan<char> text, int bodyStart)
    {
        var bodyLength = text[bodyStart..].IndexOf("[/quote]", StringComparison.OrdinalIgnoreCase);
        if (bodyLength < 0)
        {
            return 0;
        }

        Quote(plain, text.Slice(bodyStart, bodyLength));
        return LineBreakAfter(text, bodyStart + bodyLength + "[/quote]".Length);
    }

    /// <summary>A rule of 20 or more dashes and a line break, the quoted lines, and another rule.</summary>
    private static int DashQuote(StringBuilder plain, ReadOnlySpan<char> text)
    {
        var rule = Dashes(text);
        if (rule < DashRule.Length || rule == text.Length || text[rule] != '\n')
        {
            return 0;
        }

        var bodyStart = rule + 1;
        var bodyLength = text[bodyStart..].IndexOf(ClosingRule, StringComparison.Ordinal);
        if (bodyLength < 0)
        {
            return 0;
        }

        Quote(plain, text.Slice(bodyStart, bodyLength));
        var closingRule = bodyStart + bodyLength + 1;
        return LineBreakAfter(text, closingRule + Dashes(text[closingRule..]));
    }

    private static void Quote(StringBuilder plain, ReadOnlySpan<char> body)
    {
        // Lines are counted before tags go: a last line that only held a file stays as an empty "> ".
        var converted = new StringBuilder(body.Length + 8);
        Append(converted, body.Trim('\n'));
        var lines = converted.ToString().Split('\n');
        foreach (var line in lines)
        {
            plain.Append("> ").Append(line).Append('\n');
        }
    }

    private static int LineBreakAfter(ReadOnlySpan<char> text, int end) => end < text.Length && text[end] == '\n' ? end + 1 : end;

    private static int Dashes(ReadOnlySpan<char> text)
    {
        var count = text.IndexOfAnyExcept('-');
        return count < 0 ? text.Length : count;
    }

    /// <summary>The tag's name and nothing else, or with "=value".</summary>
    private static bool Opens(ReadOnlySpan<char> inner, string name) =>
        inner.StartsWith(name, StringComparison.OrdinalIgnoreCase) && (inner.Length == name.Length || inner[name.Length] == '=');

    private static bool IsSelfContained(ReadOnlySpan<char> inner)
    {
        foreach (var name in SelfContainedTags)
        {
            if (inner.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>[b], [/b], [color=red], [USER=1], [USER=1 REPLACE], [USER REPLACE]: a known name, then a value or " replace".</summary>
    private static bool IsFormatting(ReadOnlySpan<char> inner)
    {
        if (inner is ['/', ..])
        {
            inner = inner[1..];
        }

        var nameEnd = 0;
        while (nameEnd < inner.Length && inner[nameEnd] != '=' && !char.IsWhiteSpace(inner[nameEnd]))
        {
            nameEnd++;
        }

        var name = inner[..nameEnd];
        if (!IsFormattingName(name))
        {
            return false;
        }

        var rest = inner[name.Length..];
        return rest.IsEmpty
            || rest[0] == '='
            || (char.IsWhiteSpace(rest[0]) && rest.TrimStart().Equals("replace", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsFormattingName(ReadOnlySpan<char> name)
    {
        foreach (var known in FormattingTags)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
