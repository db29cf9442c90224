namespace ChatHistory.Diagnostics;

/// <summary>
/// The log of the operation running on this async flow. A connection outlives the cmdlet that
/// uses it, so its HTTP handlers find the current cmdlet's log here rather than holding one.
/// </summary>
public static class ChatLog
{
    private static readonly AsyncLocal<IChatLog?> current = new();

    public static IChatLog Current => current.Value ?? NullChatLog.Instance;

    public static IDisposable Use(IChatLog log)
    {
        var previous = current.Value;
        current.Value = log;
        return new Restore(previous);
    }

    private sealed class Restore(IChatLog? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }

    private sealed class NullChatLog : IChatLog
    {
        public static readonly NullChatLog Instance = new();

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }
    }
}
