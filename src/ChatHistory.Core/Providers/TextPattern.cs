using System.Text.RegularExpressions;

namespace ChatHistory.Providers;

/// <summary>
/// How -Agent and -Tag match: case-insensitive, whole value, with PowerShell's * and ? wildcards.
/// A value without wildcards is "plain": a provider may send it to a server that filters by id.
/// </summary>
public static class TextPattern
{
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Whether <paramref name="pattern"/> matches any of the non-empty candidates.</summary>
    public static bool MatchesAny(string pattern, params string?[] candidates)
    {
        var regex = HasWildcard(pattern) ? ToRegex(pattern) : null;
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate))
            {
                continue;
            }

            if (regex is null ? string.Equals(pattern, candidate, StringComparison.OrdinalIgnoreCase) : regex.IsMatch(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The values to send to a server that filters by id: all of them when every one is plain and
    /// looks like an id there; none otherwise, and the whole filter is applied on the client.
    /// </summary>
    public static IReadOnlyList<string> ServerIds(IReadOnlyList<string> values, Func<string, bool> looksLikeId) =>
        values.All(value => !HasWildcard(value) && looksLikeId(value)) ? values : [];

    private static Regex ToRegex(string pattern) => new(
        "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
