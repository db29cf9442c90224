using System.Text;
using ChatHistory.Providers.Bitrix24;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>
/// Bitrix24Text's one pass against the six regular expressions it replaced (ReferenceBbCode), on
/// generated messages of the shapes the messenger writes: mentions, formatting, links, [br],
/// object tags, [quote] blocks and dash-rule quotes, mixed with text that only looks like markup.
/// </summary>
public sealed class Bitrix24TextDifferentialTests
{
    private static readonly string[] Words =
    [
        "hello", "Ivan", "order #4512", "привет", "prices [5] and [a]", "a - b -- c", "x]y", "[U", "[url", "[/b",
        "  ", "\n", "ok.", "https://example.com/a?b=1&c=[2]", "[quote", "---",
    ];

    private static readonly string[] Wrappers =
    [
        "[b]{0}[/b]", "[I]{0}[/I]", "[u]{0}[/u]", "[s]{0}[/s]", "[del]{0}[/del]", "[color=#ff0000]{0}[/color]",
        "[size=12]{0}[/size]", "[USER=12]{0}[/USER]", "[USER=1 REPLACE]{0}", "[user=7 replace]{0}[/user]", "[CHAT=5]{0}[/CHAT]",
        "[code]{0}[/code]", "[LIST][*]{0}[/LIST]", "[send=/help]{0}[/send]", "[context=chat12/40]{0}[/context]",
    ];

    private static readonly string[] Objects =
    [
        "[ATTACH=1]", "[DISK=5]", "[TIMESTAMP=1700000000 FORMAT=f]", "[ICON=https://e.com/i.png size=20]", "[SMILE=3]", "[attach]",
    ];

    private static readonly string[] Targets = ["https://example.com/faq", "\"https://e.com/q\"", "'https://e.com/s'", "https://example.com", ""];

    [Fact]
    public void OnePassMatchesTheRegularExpressionsOnGeneratedMessages()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 3000; i++)
        {
            var message = Message(random);
            Assert.True(
                ReferenceBbCode.PlainText(message) == Bitrix24Text.PlainText(message),
                $"message {i}: {Escape(message)}\nregex:    {Escape(ReferenceBbCode.PlainText(message))}\none pass: {Escape(Bitrix24Text.PlainText(message))}");
        }
    }

    [Theory]
    [InlineData("[quote]a[/quote][br]b", "> a\nb")]
    [InlineData("--------------------[br]quoted[br]--------------------[br]after", "> quoted\nafter")]
    [InlineData("[url=https://e.com]see[br]this[/url]", "see\nthis (https://e.com)")]
    [InlineData("[[b]x[/b]", "[x")]
    [InlineData("[url=https://e.com]never closed", "[url=https://e.com]never closed")]
    [InlineData("[quote=Anna, 01.02.2024]first[br]second[/quote]\nreply", "> first\n> second\nreply")]
    [InlineData("[USER REPLACE]Anna, [B]hi[/B] [ATTACHMENT=5]", "Anna, hi")]
    [InlineData("[b ]stays[b replace x]", "[b ]stays[b replace x]")]
    [InlineData("-------------------------\nnot closed", "-------------------------\nnot closed")]
    public void EdgesMatchTheRegularExpressions(string bbcode, string expected)
    {
        Assert.Equal(expected, ReferenceBbCode.PlainText(bbcode));
        Assert.Equal(expected, Bitrix24Text.PlainText(bbcode));
    }

    private static string Message(Random random)
    {
        var text = new StringBuilder();
        var parts = random.Next(1, 8);
        for (var i = 0; i < parts; i++)
        {
            text.Append(random.Next(9) switch
            {
                0 => Quote(random),
                1 => DashQuote(random),
                2 => Link(random),
                _ => Inline(random),
            });
        }

        return text.ToString();
    }

    private static string Inline(Random random) => random.Next(6) switch
    {
        0 => random.Next(2) == 0 ? "[br]" : "[BR]",
        1 => Pick(random, Objects),
        2 => string.Format(Pick(random, Wrappers), Pick(random, Words)),
        _ => Pick(random, Words) + " ",
    };

    private static string Lines(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            text.Append(Inline(random));
            if (random.Next(3) == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Quote(Random random) =>
        (random.Next(2) == 0 ? "[quote]" : "[QUOTE=Anna, 01.02.2024 10:00]") + Lines(random) + "[/quote]" + (random.Next(2) == 0 ? "\n" : "");

    /// <summary>The messenger starts a rule on its own line.</summary>
    private static string DashQuote(Random random)
    {
        var rule = new string('-', random.Next(20, 60));
        return "\n" + rule + "\nGuest [01.02.2024]\n" + Lines(random).Replace("-", "") + "\n" + rule + (random.Next(2) == 0 ? "\n" : "");
    }

    /// <summary>
    /// A label that equals its target has no tags: the regexes compared the two before tags went,
    /// the one pass after.
    /// </summary>
    private static string Link(Random random)
    {
        var target = Pick(random, Targets);
        var label = random.Next(4) switch
        {
            0 => target.Trim('"', '\''),
            1 => "",
            2 => "our [b]FAQ[/b]",
            _ => "our FAQ",
        };
        return target.Length > 0 ? $"[url={target}]{label}[/url]"
            : label.Length > 0 ? $"[URL]{label}[/URL]"
            : "[URL]https://example.com/empty[/URL]"; // an empty link vanishes before a quote's end in the regexes, not in one pass
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Escape(string text) => text.Replace("\n", "\\n");
}
