namespace ChatHistory.Connections;

/// <summary>
/// The connections made in this process, by name. The most recent one is the default, so that
/// "Connect-ChatProvider once, then Get-ChatSession" works; -Connection picks another.
/// </summary>
public static class ChatConnections
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, ChatConnection> ByName = new(StringComparer.OrdinalIgnoreCase);
    private static ChatConnection? current;

    public static IReadOnlyList<ChatConnection> All
    {
        get
        {
            lock (Gate)
            {
                return ByName.Values.OrderBy(c => c.ConnectedAt).ToList();
            }
        }
    }

    public static ChatConnection? Current
    {
        get
        {
            lock (Gate)
            {
                return current;
            }
        }
    }

    /// <summary>Registers the connection under its name, replacing (and closing) an older one of that name.</summary>
    public static void Register(ChatConnection connection)
    {
        ChatConnection? replaced;
        lock (Gate)
        {
            ByName.TryGetValue(connection.Name, out replaced);
            ByName[connection.Name] = connection;
            current = connection;
        }

        if (replaced is not null && !ReferenceEquals(replaced, connection))
        {
            replaced.Dispose();
        }
    }

    /// <summary>Removes and closes a connection; the newest remaining one becomes the default.</summary>
    public static bool Remove(string name)
    {
        ChatConnection? removed;
        lock (Gate)
        {
            if (!ByName.Remove(name, out removed))
            {
                return false;
            }

            if (ReferenceEquals(current, removed))
            {
                current = ByName.Values.OrderBy(c => c.ConnectedAt).LastOrDefault();
            }
        }

        removed.Dispose();
        return true;
    }

    /// <summary>A connection object, a registered name, or (null) the default.</summary>
    public static ChatConnection Resolve(object? connection) => connection switch
    {
        ChatConnection given => given,
        string name when !string.IsNullOrWhiteSpace(name) => Find(name)
            ?? throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                $"There is no connection named '{name}'. Get-ChatConnection lists the connections; Connect-ChatProvider -Name makes one."),
        string => throw new ChatHistoryException(
            ChatErrorKind.InvalidArgument, "-Connection is empty or white space.")
        {
            Hint = "Give the name of a connection (Get-ChatConnection lists them), or leave -Connection out to use the most recent one.",
        },
        null => Current
            ?? throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument, "There is no connection yet: run Connect-ChatProvider first, or pass -Connection."),
        _ => throw new ChatHistoryException(
            ChatErrorKind.InvalidArgument, $"-Connection takes a connection name or the object Connect-ChatProvider -PassThru returns, not a {connection.GetType().Name}."),
    };

    public static ChatConnection? Find(string name)
    {
        lock (Gate)
        {
            return ByName.GetValueOrDefault(name);
        }
    }
}
