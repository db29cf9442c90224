using ChatHistory.Model;

namespace ChatHistory.Archive;

/// <summary>The last message of a session that a commit puts into the archive: the cursor it moves to.</summary>
internal sealed record ArchivePosition(ChatProviderKind Provider, string ServerIdentity, string SessionId, string MessageId, DateTimeOffset Timestamp)
{
    public static ArchivePosition Of(string serverIdentity, ChatMessage message) =>
        new(message.Provider, serverIdentity, message.SessionId, message.MessageId, message.Timestamp);

    /// <summary>The message as the cursor store takes it.</summary>
    public ChatMessage AsMessage() =>
        new() { Provider = Provider, SessionId = SessionId, MessageId = MessageId, Timestamp = Timestamp };
}

/// <summary>A finished temporary part file and the name it gets.</summary>
internal sealed record PartRename(string Temporary, string Final);
