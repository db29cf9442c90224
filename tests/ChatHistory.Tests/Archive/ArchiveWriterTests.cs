using System.Globalization;
using System.Text.Json;
using ChatHistory.Archive;
using ChatHistory.Model;

namespace ChatHistory.Tests.Archive;

/// <summary>Part files, renames, the journal and the cursor of an archive folder, on disk only.</summary>
public sealed class ArchiveWriterTests : IDisposable
{
    private const string Server = "https://chat.example.com/rocketchat";
    private const string Folder = "RocketChat/chat.example.com_rocketchat";
    private readonly string root = Directory.CreateTempSubdirectory("chathistory-archive-").FullName;

    private string ConnectionDirectory => Path.Combine(root, Folder);

    [Fact]
    public void APartIsOnlyATemporaryFileUntilItIsCommitted()
    {
        using var archive = ArchiveFolder.Open(root);
        using var writer = Writer(archive);
        writer.Write(Message("room1", "m1", 1));
        writer.Write(Message("room1", "m2", 2));

        Assert.Equal([".room1.0001.jsonl.tmp"], Names());
        Assert.Null(archive.Cursors.Get(ChatProviderKind.RocketChat, Server, "room1"));

        var committed = writer.Commit();

        Assert.Equal(["room1.0001.jsonl"], Names());
        Assert.Equal((2L, 1), (committed.Messages, committed.Parts));
        Assert.Equal(new FileInfo(Path.Combine(ConnectionDirectory, "room1.0001.jsonl")).Length, committed.Bytes);
        Assert.Equal("m2", archive.Cursors.Get(ChatProviderKind.RocketChat, Server, "room1")!.LastMessageId);
        Assert.False(File.Exists(Path.Combine(root, ArchiveJournal.FileName)));
        Assert.Equal(["m1", "m2"], Lines("room1.0001.jsonl").Select(l => l.GetProperty("MessageId").GetString()));
    }

    [Fact]
    public void ALaterRunWritesANewPartAndLeavesTheFinishedOneAsItWas()
    {
        using (var first = ArchiveFolder.Open(root))
        using (var writer = Writer(first))
        {
            writer.Write(Message("room1", "m1", 1));
            writer.Commit();
        }

        var before = File.ReadAllBytes(Path.Combine(ConnectionDirectory, "room1.0001.jsonl"));
        var modified = File.GetLastWriteTimeUtc(Path.Combine(ConnectionDirectory, "room1.0001.jsonl"));
        using (var second = ArchiveFolder.Open(root))
        using (var writer = Writer(second))
        {
            writer.Write(Message("room1", "m2", 2));
            writer.Commit();
            writer.Write(Message("room1", "m3", 3));
            writer.Commit();
        }

        Assert.Equal(["room1.0001.jsonl", "room1.0002.jsonl", "room1.0003.jsonl"], Names());
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(ConnectionDirectory, "room1.0001.jsonl")));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(Path.Combine(ConnectionDirectory, "room1.0001.jsonl")));
    }

    [Fact]
    public void AStaleTemporaryFileIsDeletedAndItsMessagesAreReadAgain()
    {
        // What a run killed while it wrote leaves: a temporary part and no cursor for it.
        Directory.CreateDirectory(ConnectionDirectory);
        File.WriteAllText(Path.Combine(ConnectionDirectory, ".room1.0001.jsonl.tmp"), "{\"MessageId\":\"m1\"}\n{\"Mess");

        using var archive = ArchiveFolder.Open(root);

        Assert.Empty(Names());
        Assert.Null(archive.Cursors.Get(ChatProviderKind.RocketChat, Server, "room1"));
        using var writer = Writer(archive);
        writer.Write(Message("room1", "m1", 1));
        writer.Commit();
        Assert.Equal(["room1.0001.jsonl"], Names());
    }

    [Fact]
    public void AnAbandonedPartLeavesNoFileAndNoCursor()
    {
        using (var archive = ArchiveFolder.Open(root))
        using (var writer = Writer(archive))
        {
            writer.Write(Message("room1", "m1", 1));
            writer.Commit();
            writer.Write(Message("room1", "m2", 2));
            writer.Abandon();
        }

        using var reopened = ArchiveFolder.Open(root);
        Assert.Equal(["room1.0001.jsonl"], Names());
        Assert.Equal("m1", reopened.Cursors.Get(ChatProviderKind.RocketChat, Server, "room1")!.LastMessageId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACommitInterruptedAfterItsJournalIsCompletedByTheNextRun(bool renamedBeforeTheKill)
    {
        // A run killed after writing the journal: before any rename, or after the rename but before
        // the cursor was saved. Either way the next run ends with the part in place and the cursor past it.
        Directory.CreateDirectory(ConnectionDirectory);
        var final = Path.Combine(ConnectionDirectory, "room1.0001.jsonl");
        var temporary = Path.Combine(ConnectionDirectory, ".room1.0001.jsonl.tmp");
        File.WriteAllText(renamedBeforeTheKill ? final : temporary, "{\"MessageId\":\"m1\"}\n");
        new ArchiveJournal(
            [new PartRename(Path.GetRelativePath(root, temporary), Path.GetRelativePath(root, final))],
            [new ArchivePosition(ChatProviderKind.RocketChat, Server, "room1", "m1", At(1))]).Write(root);

        using var archive = ArchiveFolder.Open(root);

        Assert.Equal(["room1.0001.jsonl"], Names());
        Assert.Equal("m1", archive.Cursors.Get(ChatProviderKind.RocketChat, Server, "room1")!.LastMessageId);
        Assert.False(File.Exists(Path.Combine(root, ArchiveJournal.FileName)));
    }

    [Fact]
    public void SplitByDayGroupsMessagesByTheirUtcDate()
    {
        using var archive = ArchiveFolder.Open(root);
        using var writer = new ArchiveWriter(archive, Folder, Server, ArchiveSplit.Day, includeRaw: false);
        // 23:30 at UTC-02:00 is already the next day in UTC.
        writer.Write(Message("room1", "m1", new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero)));
        writer.Write(Message("room1", "m2", new DateTimeOffset(2026, 10, 1, 23, 30, 0, TimeSpan.FromHours(-2))));
        writer.Write(Message("room2", "m3", new DateTimeOffset(2026, 10, 1, 13, 0, 0, TimeSpan.Zero)));

        writer.Commit();

        Assert.Equal(["2026-10-01.0001.jsonl", "2026-10-02.0001.jsonl"], Names());
        Assert.Equal(["m1", "m3"], Lines("2026-10-01.0001.jsonl").Select(l => l.GetProperty("MessageId").GetString()));
        Assert.Equal(["m2"], Lines("2026-10-02.0001.jsonl").Select(l => l.GetProperty("MessageId").GetString()));
        Assert.Equal("m2", archive.Cursors.Get(ChatProviderKind.RocketChat, Server, "room1")!.LastMessageId);
        Assert.Equal("m3", archive.Cursors.Get(ChatProviderKind.RocketChat, Server, "room2")!.LastMessageId);
    }

    [Fact]
    public void LinesKeepEnumsAsNamesDatesInIso8601AndAttachmentsWhole()
    {
        using var archive = ArchiveFolder.Open(root);
        using var writer = Writer(archive);
        var message = new ChatMessage
        {
            Provider = ChatProviderKind.Bitrix24,
            SessionId = "room1",
            MessageId = "m1",
            Timestamp = new DateTimeOffset(2026, 10, 1, 8, 5, 0, TimeSpan.FromHours(3)),
            AuthorRole = ChatAuthorRole.Visitor,
            Text = "Привет, \"мир\"",
            Attachments = [new ChatAttachment { Name = "a.png", Url = "https://x/a.png", Kind = "image", ContentType = "image/png", Size = 42 }],
            Raw = "{\"secret-looking\":1}",
        };
        writer.Write(message);
        writer.Commit();

        var text = File.ReadAllText(Path.Combine(ConnectionDirectory, "room1.0001.jsonl"));
        var line = Lines("room1.0001.jsonl").Single();
        Assert.Equal("Bitrix24", line.GetProperty("Provider").GetString());
        Assert.Equal("Visitor", line.GetProperty("AuthorRole").GetString());
        Assert.Equal("2026-10-01T08:05:00+03:00", line.GetProperty("Timestamp").GetString());
        Assert.Equal(42, line.GetProperty("Attachments")[0].GetProperty("Size").GetInt32());
        Assert.Equal("image/png", line.GetProperty("Attachments")[0].GetProperty("ContentType").GetString());
        Assert.False(line.TryGetProperty("Raw", out _));
        Assert.Contains("Привет", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ChatHistory.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMessagesAttachmentFolderIsEmptiedWhenTheMessageIsReadAgain()
    {
        // Files an interrupted run saved for a message it never committed: the next run reads that
        // message again and must not keep them beside the new download.
        using var archive = ArchiveFolder.Open(root);
        using var writer = Writer(archive);
        var message = Message("imol|telegram|1|42", "m1", 1);
        var first = writer.AttachmentDirectory(message);
        File.WriteAllText(Path.Combine(first, "photo.jpg"), "from the interrupted run");

        var again = writer.AttachmentDirectory(message);

        Assert.Equal(first, again);
        Assert.Empty(Directory.EnumerateFileSystemEntries(again));
        Assert.StartsWith(Path.Combine(ConnectionDirectory, "attachments"), again, StringComparison.Ordinal);
        Assert.DoesNotContain("|", again, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondRunOnTheSameFolderIsRefusedWhileTheFirstHoldsIt()
    {
        using var first = ArchiveFolder.Open(root);

        var error = Assert.Throws<ChatHistoryException>(() => ArchiveFolder.Open(root));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileAsThePathIsRefusedWithItsName()
    {
        var file = Path.Combine(root, "not-a-folder.txt");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<ChatHistoryException>(() => ArchiveFolder.Open(file));

        Assert.Equal("ChatHistory.InvalidArgument", error.ErrorId);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static ArchiveWriter Writer(ArchiveFolder archive) =>
        new(archive, Folder, Server, ArchiveSplit.Session, includeRaw: false);

    private List<string> Names() =>
        Directory.Exists(ConnectionDirectory)
            ? Directory.EnumerateFiles(ConnectionDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
            : [];

    private List<JsonElement> Lines(string name) =>
        File.ReadAllLines(Path.Combine(ConnectionDirectory, name)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static DateTimeOffset At(int minute) => new(2026, 10, 1, 8, minute, 0, TimeSpan.Zero);

    private static ChatMessage Message(string session, string id, int minute) => Message(session, id, At(minute));

    private static ChatMessage Message(string session, string id, DateTimeOffset at) => new()
    {
        Provider = ChatProviderKind.RocketChat,
        Connection = "rc",
        SessionId = session,
        MessageId = id,
        Timestamp = at,
        AuthorRole = ChatAuthorRole.Agent,
        Text = "text " + id.ToString(CultureInfo.InvariantCulture),
    };
}
