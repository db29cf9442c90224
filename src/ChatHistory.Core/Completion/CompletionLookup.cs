using System.Runtime.CompilerServices;
using ChatHistory.Connections;

namespace ChatHistory.Completion;

/// <summary>
/// What a tab completer asks: the values of a filter for one connection, within a short timeout,
/// kept per connection for a minute so that pressing Tab again sends nothing. Never throws: a
/// lookup that fails or takes too long completes nothing (and is not retried until the minute is up).
/// </summary>
public static class CompletionLookup
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    private static readonly ConditionalWeakTable<ChatConnection, Cache> Caches = new();

    public static IReadOnlyList<CompletionValue> Values(
        ChatConnection connection, CompletionField field, TimeSpan? timeout = null, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var cache = Caches.GetValue(connection, _ => new Cache());
        lock (cache)
        {
            if (cache.Entries.TryGetValue(field, out var entry) && clock.GetUtcNow() - entry.At < CacheLifetime)
            {
                return entry.Values;
            }
        }

        var values = Fetch(connection, field, timeout ?? DefaultTimeout);
        lock (cache)
        {
            cache.Entries[field] = (clock.GetUtcNow(), values);
        }

        return values;
    }

    /// <summary>
    /// The values that fit what was typed: those starting with it first, then those containing it
    /// in the value or its description (case-insensitive), each once, in the platform's order.
    /// </summary>
    public static IReadOnlyList<CompletionValue> Matching(IReadOnlyList<CompletionValue> values, string typed)
    {
        var word = typed.Trim('\'', '"');
        var starting = values.Where(v => v.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase));
        var containing = values.Where(v =>
            v.Value.Contains(word, StringComparison.OrdinalIgnoreCase)
            || (v.Description?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false));
        return starting.Concat(containing).DistinctBy(v => v.Value, StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<CompletionValue> Fetch(ChatConnection connection, CompletionField field, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource();
        // Off the caller's thread: PowerShell calls completers on the pipeline thread.
        var lookup = Task.Run(() => connection.GetCompletionValuesAsync(field, cancellation.Token));
        try
        {
            return lookup.Wait(timeout) ? lookup.Result : [];
        }
        catch (Exception)
        {
            return [];
        }
        finally
        {
            if (!lookup.IsCompleted)
            {
                // Stop the request that came too late; the lookup ends on its own, holding nothing.
                cancellation.Cancel();
            }
        }
    }

    private sealed class Cache
    {
        public Dictionary<CompletionField, (DateTimeOffset At, IReadOnlyList<CompletionValue> Values)> Entries { get; } = [];
    }
}
