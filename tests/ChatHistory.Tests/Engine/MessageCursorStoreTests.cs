using ChatHistory.Engine.Cursors;
using ChatHistory.Model;

namespace ChatHistory.Tests.Engine;

public sealed class MessageCursorStoreTests : IDisposable
{
    private const string Server = "https://chat.example.com";
    private readonly string directory = Directory.CreateTempSubdirectory("chathistory-cursor-").FullName;

    private string FilePath => Path.Combine(directory, "cursor.json");

    [Fact]
    public void AMissingFileIsAnEmptyStore()
    {
        var store = MessageCursorStore.Open(FilePath);

        Assert.Null(store.Get(ChatProviderKind.RocketChat, Server, "room1"));
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public void ATemporaryFileLeftByAKilledRunIsRemovedByTheNextOneButARunningProcesssIsKept()
    {
        using var ended = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        ended.WaitForExit();
        var leftOver = Path.Combine(directory, $".cursor.json.{ended.Id}.0123.tmp");
        var running = Path.Combine(directory, $".cursor.json.{Environment.ProcessId}.4567.tmp");
        var unrelated = Path.Combine(directory, $".other.json.{ended.Id}.89.tmp");
        File.WriteAllText(leftOver, "{");
        File.WriteAllText(running, "{");
        File.WriteAllText(unrelated, "{");

        MessageCursorStore.Open(FilePath);

        Assert.False(File.Exists(leftOver));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void SavedCursorsAreReadBackByTheNextRunWhateverTheConnectionIsNamed()
    {
        var first = MessageCursorStore.Open(FilePath);
        first.Advance("https://portal.bitrix24.com", Message(ChatProviderKind.Bitrix24, "b24", "500", "19008", 10));
        first.Advance("https://portal.bitrix24.com", Message(ChatProviderKind.Bitrix24, "b24", "500", "19009", 20));
        first.Advance("https://amojo.kommo.com/scope-1", Message(ChatProviderKind.Kommo, "kommo", "conv-1", "m-7", 5));
        first.Save();

        var next = MessageCursorStore.Open(FilePath);

        Assert.Equal(new MessageCursor("19009", At(20)), next.Get(ChatProviderKind.Bitrix24, "https://portal.bitrix24.com", "500"));
        Assert.Equal(new MessageCursor("m-7", At(5)), next.Get(ChatProviderKind.Kommo, "https://amojo.kommo.com/scope-1", "conv-1"));
        Assert.Null(next.Get(ChatProviderKind.Bitrix24, "https://other.bitrix24.com", "500"));
        Assert.Null(next.Get(ChatProviderKind.SuperOffice, "https://portal.bitrix24.com", "500"));
        Assert.DoesNotContain("b24", File.ReadAllText(FilePath));
    }

    [Fact]
    public void AnOlderMessageDoesNotMoveTheCursorBack()
    {
        var store = MessageCursorStore.Open(FilePath);
        store.Advance(Server, Message(ChatProviderKind.SuperOffice, "so", "1001", "5010", 30));
        store.Advance(Server, Message(ChatProviderKind.SuperOffice, "so", "1001", "5002", 10));

        Assert.Equal("5010", store.Get(ChatProviderKind.SuperOffice, Server, "1001")!.LastMessageId);
    }

    [Fact]
    public void AFileThatIsNotACursorFileIsAClearError()
    {
        File.WriteAllText(FilePath, "<html>not json</html>");

        var error = Assert.Throws<ChatHistoryException>(() => MessageCursorStore.Open(FilePath));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(FilePath, error.Message);
        Assert.Contains("cursor file", error.Message);
    }

    [Fact]
    public void ADamagedOrNullEntryIsReadAsMissingWithAWarning()
    {
        var good = MessageCursorStore.Key(ChatProviderKind.RocketChat, Server, "good");
        File.WriteAllText(FilePath, $$"""
            {
              "{{MessageCursorStore.Key(ChatProviderKind.RocketChat, Server, "null")}}": null,
              "{{MessageCursorStore.Key(ChatProviderKind.RocketChat, Server, "number")}}": 42,
              "{{MessageCursorStore.Key(ChatProviderKind.RocketChat, Server, "no-time")}}": { "LastMessageId": "m1" },
              "{{MessageCursorStore.Key(ChatProviderKind.RocketChat, Server, "bad-id")}}": { "LastMessageId": 7, "LastTimestamp": "2026-11-01T08:00:00+01:00" },
              "{{good}}": { "LastMessageId": "m9", "LastTimestamp": "2026-11-01T08:09:00+01:00" }
            }
            """);
        var warnings = new List<string>();

        var store = MessageCursorStore.Open(FilePath, warnings.Add);

        Assert.Equal("m9", store.Get(ChatProviderKind.RocketChat, Server, "good")!.LastMessageId);
        foreach (var damaged in new[] { "null", "number", "no-time", "bad-id" })
        {
            Assert.Null(store.Get(ChatProviderKind.RocketChat, Server, damaged));
            Assert.Single(warnings, w => w.Contains(MessageCursorStore.Key(ChatProviderKind.RocketChat, Server, damaged)) && w.Contains(FilePath));
        }

        Assert.Equal(4, warnings.Count);
        store.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", "null", "m3", 3));
        store.Save();
        Assert.Equal(4, warnings.Count);
        Assert.Equal("m3", MessageCursorStore.Open(FilePath).Get(ChatProviderKind.RocketChat, Server, "null")!.LastMessageId);
    }

    [Fact]
    public void ASaveMergesWhatAnotherProcessSavedMeanwhile()
    {
        var one = MessageCursorStore.Open(FilePath);
        var two = MessageCursorStore.Open(FilePath);

        two.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", "room2", "b", 2));
        two.Save();
        one.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", "room1", "a", 1));
        one.Save();

        var after = MessageCursorStore.Open(FilePath);
        Assert.Equal("a", after.Get(ChatProviderKind.RocketChat, Server, "room1")!.LastMessageId);
        Assert.Equal("b", after.Get(ChatProviderKind.RocketChat, Server, "room2")!.LastMessageId);
    }

    [Fact]
    public void AStaleCopyIsNeverWrittenBackAndTheNewerCursorWins()
    {
        var seed = MessageCursorStore.Open(FilePath);
        seed.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", "room1", "m10", 10));
        seed.Save();
        var stale = MessageCursorStore.Open(FilePath);
        var fresh = MessageCursorStore.Open(FilePath);

        fresh.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", "room1", "m20", 20));
        fresh.Save();
        stale.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", "room2", "x", 1));
        stale.Save();
        Assert.Equal("m20", MessageCursorStore.Open(FilePath).Get(ChatProviderKind.RocketChat, Server, "room1")!.LastMessageId);

        stale.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", "room1", "m15", 15));
        stale.Save();
        Assert.Equal("m20", MessageCursorStore.Open(FilePath).Get(ChatProviderKind.RocketChat, Server, "room1")!.LastMessageId);
    }

    [Fact]
    public async Task TwoWritersSavingInParallelLoseNoEntry()
    {
        const int SessionsEach = 150;
        var writers = new[] { MessageCursorStore.Open(FilePath), MessageCursorStore.Open(FilePath) };
        using var start = new Barrier(writers.Length);

        await Task.WhenAll(writers.Select((store, writer) => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var session = 0; session < SessionsEach; session++)
            {
                store.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", $"w{writer}-s{session}", "m", 1));
                store.Save();
            }
        })));

        var after = MessageCursorStore.Open(FilePath);
        var missing = Enumerable.Range(0, writers.Length)
            .SelectMany(writer => Enumerable.Range(0, SessionsEach).Select(session => $"w{writer}-s{session}"))
            .Where(session => after.Get(ChatProviderKind.RocketChat, Server, session) is null)
            .ToList();
        Assert.Empty(missing);
        Assert.Equal(["cursor.json", "cursor.json.lock"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ASaveWaitsForTheLockAndNamesTheFileWhenItStaysTaken()
    {
        var store = MessageCursorStore.Open(FilePath);
        store.LockTimeout = TimeSpan.FromMilliseconds(200);
        store.Advance(Server, Message(ChatProviderKind.RocketChat, "rc", "room1", "m1", 1));

        using (CursorFileLock.Acquire(FilePath, TimeSpan.Zero))
        {
            var error = Assert.Throws<ChatHistoryException>(() => store.Save());
            Assert.Contains(FilePath, error.Message);
            Assert.False(File.Exists(FilePath));
        }

        store.Save();
        Assert.Equal("m1", MessageCursorStore.Open(FilePath).Get(ChatProviderKind.RocketChat, Server, "room1")!.LastMessageId);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static DateTimeOffset At(int minute) => new(2026, 11, 1, 8, minute, 0, TimeSpan.FromHours(1));

    private static ChatMessage Message(ChatProviderKind provider, string connection, string session, string id, int minute) => new()
    {
        Provider = provider,
        Connection = connection,
        SessionId = session,
        MessageId = id,
        Timestamp = At(minute),
    };
}
