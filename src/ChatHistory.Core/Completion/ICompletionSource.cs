namespace ChatHistory.Completion;

/// <summary>The Get-ChatSession filters whose values a platform can list for tab completion.</summary>
public enum CompletionField
{
    Channel,
    Agent,
    Tag,
}

/// <summary>One value to complete, with what it stands for (a department's name, an agent's full name).</summary>
public sealed record CompletionValue(string Value, string? Description = null);

/// <summary>
/// A provider that can list the values of a filter. Optional: a platform with nothing to list
/// (Kommo) does not implement it, and its filters complete nothing.
/// </summary>
public interface ICompletionSource
{
    /// <summary>The values, one request or a few; an empty list when the platform has none of that kind.</summary>
    Task<IReadOnlyList<CompletionValue>> GetCompletionValuesAsync(CompletionField field, CancellationToken cancellationToken);
}
