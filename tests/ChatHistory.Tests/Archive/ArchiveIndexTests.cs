using System.Globalization;
using ChatHistory.Archive;
using ChatHistory.Model;

namespace ChatHistory.Tests.Archive;

/// <summary>sessions.csv: invariant whatever the culture, rewritten whole, and only when a row changed.</summary>
public sealed class ArchiveIndexTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("chathistory-index-").FullName;

    private string FilePath => Path.Combine(root, ArchiveIndex.FileName);

    [Fact]
    public void IsWrittenInInvariantFormatsUnderAGermanCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var index = ArchiveIndex.Load(root);
            index.Update("RocketChat/chat", Session("room1"));
            index.Archived("RocketChat/chat", "room1", "m9", new DateTimeOffset(2026, 10, 2, 3, 4, 5, TimeSpan.Zero));
            index.Save();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        var lines = File.ReadAllLines(FilePath);
        Assert.StartsWith("Folder,Provider,Connection,SessionId,", lines[0], StringComparison.Ordinal);
        Assert.Contains("2026-10-01T08:00:00.0000000+02:00", lines[1], StringComparison.Ordinal);
        Assert.Contains("2026-10-02T03:04:05.0000000+00:00", lines[1], StringComparison.Ordinal);
        Assert.Contains(",RocketChat,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",1234,", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("01.10.2026", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("1.234", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void RowsReadBackWithCommasQuotesAndLineBreaksAndUpdateInPlace()
    {
        var first = ArchiveIndex.Load(root);
        first.Update("Bitrix24/portal", Session("imol|telegram|1|42", title: "Hello, \"world\"\nsecond line"));
        first.Update("Bitrix24/portal", Session("other"));
        first.Save();

        var second = ArchiveIndex.Load(root);
        second.Update("Bitrix24/portal", Session("imol|telegram|1|42", title: "Hello, \"world\"\nsecond line", status: "Closed"));
        second.Save();

        var table = CsvText.Parse(File.ReadAllText(FilePath));
        Assert.Equal(3, table.Count);
        var header = table[0];
        var row = table[1];
        Assert.Equal("imol|telegram|1|42", row[header.IndexOf("SessionId")]);
        Assert.Equal("Hello, \"world\"\nsecond line", row[header.IndexOf("Title")]);
        Assert.Equal("Closed", row[header.IndexOf("Status")]);
        Assert.Equal("other", table[2][header.IndexOf("SessionId")]);
    }

    [Fact]
    public void IsNotRewrittenWhenNothingChanged()
    {
        var first = ArchiveIndex.Load(root);
        first.Update("RocketChat/chat", Session("room1"));
        first.Save();
        var written = File.GetLastWriteTimeUtc(FilePath);
        File.SetLastWriteTimeUtc(FilePath, written.AddHours(-1));

        var second = ArchiveIndex.Load(root);
        second.Update("RocketChat/chat", Session("room1"));
        second.Save();

        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(FilePath));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static ChatSession Session(string id, string? title = null, string status = "Open") => new()
    {
        Provider = ChatProviderKind.RocketChat,
        Connection = "rc",
        SessionId = id,
        Title = title,
        Status = status,
        StartedAt = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(2)),
        MessageCount = 1234,
        Tags = ["vip", "billing"],
    };
}
