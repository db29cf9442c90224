using System.Buffers;
using System.Text.RegularExpressions;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>
/// Bitrix24 BBCode to plain text by six regular expressions, as Bitrix24Text did before its one
/// pass, kept only as the reference that pass is compared with (Bitrix24TextDifferentialTests).
/// </summary>
internal static partial class ReferenceBbCode
{
    // Every pattern below starts with one of these: text without them has nothing to replace.
    private static readonly SearchValues<char> MarkupStarts = SearchValues.Create("[-");

    public static string PlainText(string? bbcode)
    {
        if (string.IsNullOrEmpty(bbcode))
        {
            return string.Empty;
        }

        if (!bbcode.AsSpan().ContainsAny(MarkupStarts))
        {
            return bbcode.Trim();
        }

        var text = LineBreak().Replace(bbcode, "\n");
        text = Link().Replace(text, match =>
        {
            var target = match.Groups["target"].Value.Trim('"', '\'');
            var label = match.Groups["label"].Value;
            return target.Length == 0 || label.Length == 0 || string.Equals(target, label, StringComparison.OrdinalIgnoreCase)
                ? label.Length == 0 ? target : label
                : $"{label} ({target})";
        });
        text = QuoteBlock().Replace(text, match => Quote(match.Groups["body"].Value));
        text = DashQuote().Replace(text, match => Quote(match.Groups["body"].Value));
        text = SelfContainedTag().Replace(text, string.Empty);
        text = FormattingTag().Replace(text, string.Empty);
        return text.Trim();
    }

    private static string Quote(string body) =>
        string.Join("\n", body.Trim('\n').Split('\n').Select(line => "> " + line)) + "\n";

    [GeneratedRegex(@"\[br\]", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"\[url(?:=(?<target>[^\]]*))?\](?<label>.*?)\[/url\]", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex(@"\[quote(?:=[^\]]*)?\](?<body>.*?)\[/quote\]\n?", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex QuoteBlock();

    // The messenger's own quote: the quoted lines between two rules of dashes.
    [GeneratedRegex(@"-{20,}\n(?<body>.*?)\n-{20,}\n?", RegexOptions.Singleline)]
    private static partial Regex DashQuote();

    // Tags that stand for an object and carry no text of their own.
    [GeneratedRegex(@"\[(?:ATTACH|DISK|TIMESTAMP|ICON|SMILE)(?:=[^\]]*)?[^\]]*\]", RegexOptions.IgnoreCase)]
    private static partial Regex SelfContainedTag();

    // Opening and closing tags whose inner text is the message: [USER=1 REPLACE]Name, [B]x[/B], [CHAT=5]x[/CHAT]...
    [GeneratedRegex(@"\[/?(?:b|i|u|s|del|code|color|size|font|left|right|center|justify|user|chat|send|put|call|context|pch|list|\*)(?:=[^\]]*)?(?:\s+replace)?\]",
        RegexOptions.IgnoreCase)]
    private static partial Regex FormattingTag();
}
