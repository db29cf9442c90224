using ChatHistory.Attachments;

namespace ChatHistory.Tests.Attachments;

/// <summary>
/// File names from a platform are made safe: Windows reserved device names and characters are from
/// Microsoft's "Naming Files, Paths, and Namespaces" (learn.microsoft.com/windows/win32/fileio/naming-a-file).
/// </summary>
public class SafeFileNameTests
{
    [Theory]
    [InlineData("invoice 2026-10.png", "invoice 2026-10.png")]
    [InlineData("../../x", "x")]
    [InlineData("..\\..\\x", "x")]
    [InlineData("a/b\\c.txt", "c.txt")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("C:\\Windows\\win.ini", "win.ini")]
    [InlineData("CON", "_CON")]
    [InlineData("con.txt", "_con.txt")]
    [InlineData("CON .txt", "_CON .txt")]
    [InlineData("nul", "_nul")]
    [InlineData("AUX.tar.gz", "_AUX.tar.gz")]
    [InlineData("COM1", "_COM1")]
    [InlineData("LPT9.log", "_LPT9.log")]
    [InlineData("COM10", "COM10")]
    [InlineData("CONSOLE.txt", "CONSOLE.txt")]
    [InlineData("report. . .", "report")]
    [InlineData("  spaced  ", "spaced")]
    [InlineData("a<b>c:d\"e|f?g*h.txt", "a_b_c_d_e_f_g_h.txt")]
    [InlineData("tab\tname\u0001\u0000.txt", "tabname.txt")]
    [InlineData("evil\u202Etxt.exe", "eviltxt.exe")]
    [InlineData("", "attachment")]
    [InlineData("   ", "attachment")]
    [InlineData(".", "attachment")]
    [InlineData("..", "attachment")]
    [InlineData("...", "attachment")]
    [InlineData("/", "attachment")]
    [InlineData("x/", "attachment")]
    [InlineData("../", "attachment")]
    public void HostileNamesBecomeOneSafeSegment(string name, string expected) => Assert.Equal(expected, SafeFileName.From(name));

    [Fact]
    public void NoNameIsAttachment() => Assert.Equal("attachment", SafeFileName.From(null));

    [Fact]
    public void LongNamesAreCutKeepingTheExtension()
    {
        var name = new string('a', 296) + ".pdf";

        var safe = SafeFileName.From(name);

        Assert.Equal(SafeFileName.MaxLength, safe.Length);
        Assert.EndsWith("a.pdf", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void CuttingNeverSplitsASurrogatePair()
    {
        var name = new string('a', SafeFileName.MaxLength - 5) + string.Concat(Enumerable.Repeat("\U0001F600", 20)) + ".png";

        var safe = SafeFileName.From(name);

        Assert.True(safe.Length <= SafeFileName.MaxLength);
        Assert.EndsWith(".png", safe, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(safe[^5]), "a lone high surrogate before the extension");
    }

    [Theory]
    [InlineData("a.txt", 2, "a (2).txt")]
    [InlineData("archive", 3, "archive (3)")]
    [InlineData("_CON.txt", 2, "_CON (2).txt")]
    public void SuffixesGoBeforeTheExtension(string name, int number, string expected) =>
        Assert.Equal(expected, SafeFileName.WithSuffix(name, number));

    [Fact]
    public void ASuffixedLongNameStaysWithinTheCap()
    {
        var safe = SafeFileName.From(new string('b', 400) + ".jpeg");

        var suffixed = SafeFileName.WithSuffix(safe, 12);

        Assert.True(suffixed.Length <= SafeFileName.MaxLength);
        Assert.EndsWith(" (12).jpeg", suffixed, StringComparison.Ordinal);
    }

    /// <summary>Whatever the platform sends, the result is one segment that resolves directly inside the folder.</summary>
    [Fact]
    public void AnyNameResolvesToASingleSegmentInsideTheFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chathistory-safe-name");
        var alphabet = "ab./\\:*?\"<>| \t\0\u202E.CONLPT1\U0001F600".ToCharArray();
        var random = new Random(13);
        for (var i = 0; i < 5000; i++)
        {
            var name = new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var safe = SafeFileName.From(name);

            Assert.False(string.IsNullOrWhiteSpace(safe), name);
            Assert.True(safe.Length <= SafeFileName.MaxLength, name);
            Assert.DoesNotContain('/', safe);
            Assert.DoesNotContain('\\', safe);
            Assert.NotEqual(".", safe);
            Assert.NotEqual("..", safe);
            Assert.False(safe.EndsWith('.') || safe.EndsWith(' '), name);
            Assert.Equal(safe, Path.GetFileName(safe));
            Assert.Equal(Path.GetFullPath(folder), Path.GetDirectoryName(AttachmentFolder.Inside(Path.GetFullPath(folder), safe)));
        }
    }
}
