namespace ChatHistory.Providers;

/// <summary>Arguments refused before any request, with what to do instead.</summary>
public static class QueryArguments
{
    /// <summary>-Since must not be after -Until: no session could match, and that is always a mistake.</summary>
    public static void RequireWindow(DateTimeOffset? since, DateTimeOffset? until)
    {
        if (since is { } start && until is { } end && start > end)
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                $"-Since ({start:u}) is after -Until ({end:u}), so no session can match.")
            {
                Hint = "Swap the two dates: -Since is the earlier one, -Until the later one.",
            };
        }
    }

    /// <summary>The error for an id that is empty or only white space, or null when the id is usable.</summary>
    public static ChatHistoryException? CheckId(string? id, string parameter) =>
        string.IsNullOrWhiteSpace(id)
            ? new ChatHistoryException(ChatErrorKind.InvalidArgument, $"{parameter} '{id}' is empty or white space, which names no session.")
            {
                Hint = $"Give {parameter} a session id, or pipe in Get-ChatSession's output or CSV rows with a SessionId column.",
            }
            : null;
}
