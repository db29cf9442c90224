using ChatHistory.Engine;
using ChatHistory.Model;

namespace ChatHistory.Tests.Engine;

public sealed class MessageCursorStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "chathistory-cursor-" + Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(directory, "cursor.json");

    [Fact]
    public void AMissingFileIsAnEmptyStore()
    {
        var store = MessageCursorStore.Open(FilePath);

        Assert.Null(store.Get(ChatProviderKind.RocketChat, "rc", "room1"));
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public void SavedCursorsAreReadBackByTheNextRun()
    {
        var first = MessageCursorStore.Open(FilePath);
        first.Advance(Message(ChatProviderKind.Bitrix24, "b24", "500", "19008", 10));
        first.Advance(Message(ChatProviderKind.Bitrix24, "b24", "500", "19009", 20));
        first.Advance(Message(ChatProviderKind.Kommo, "kommo", "conv-1", "m-7", 5));
        first.Save();

        var next = MessageCursorStore.Open(FilePath);

        Assert.Equal(new MessageCursor("19009", At(20)), next.Get(ChatProviderKind.Bitrix24, "b24", "500"));
        Assert.Equal(new MessageCursor("m-7", At(5)), next.Get(ChatProviderKind.Kommo, "kommo", "conv-1"));
        Assert.Null(next.Get(ChatProviderKind.Bitrix24, "other-connection", "500"));
        Assert.Null(next.Get(ChatProviderKind.SuperOffice, "b24", "500"));
        Assert.Equal(["cursor.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void AnOlderMessageDoesNotMoveTheCursorBack()
    {
        var store = MessageCursorStore.Open(FilePath);
        store.Advance(Message(ChatProviderKind.SuperOffice, "so", "1001", "5010", 30));
        store.Advance(Message(ChatProviderKind.SuperOffice, "so", "1001", "5002", 10));

        Assert.Equal("5010", store.Get(ChatProviderKind.SuperOffice, "so", "1001")!.LastMessageId);
    }

    [Fact]
    public void AFileThatIsNotACursorFileIsAClearError()
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(FilePath, "<html>not json</html>");

        var error = Assert.Throws<ChatHistoryException>(() => MessageCursorStore.Open(FilePath));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("cursor file", error.Message);
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
