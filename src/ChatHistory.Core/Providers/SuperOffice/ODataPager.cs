using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatHistory.Http;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// Reads an OData archive listing page by page: follows odata.nextLink while the server gives
/// one. A server that gives no link at all (one that treats $top as a total, or caps it) is paged
/// by $skip until a page brings nothing new, so that neither can cut an export short.
/// </summary>
internal sealed class ODataPager(Func<Uri, string, string?, CancellationToken, Task<JsonBody>> get, Uri apiBase)
{
    /// <param name="firstPage">The listing's URL for a $skip.</param>
    public async IAsyncEnumerable<JsonElement> RowsAsync(
        Func<int, Uri> firstPage, string what, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var read = 0;
        var linked = false;
        var next = firstPage(0);
        while (true)
        {
            if (!visited.Add(next.ToString()))
            {
                throw new ChatHistoryException(
                    ChatErrorKind.ProtocolError, $"SuperOffice sent the same odata.nextLink twice while listing {what}; stopped to avoid a loop.");
            }

            List<JsonElement> rows;
            string? nextLink;
            using (var page = await get(next, what, null, cancellationToken).ConfigureAwait(false))
            {
                rows = Rows(page.Root, what);
                nextLink = page.Root.Str("odata.nextLink") ?? page.Root.Str("@odata.nextLink");
            }

            var fresh = 0;
            foreach (var row in rows)
            {
                // Rows that moved between pages while listing would otherwise come twice.
                var key = row.Str(ChatSessionColumns.SessionId) ?? row.Str("PrimaryKey") ?? row.GetRawText();
                if (seen.Add(key))
                {
                    fresh++;
                    yield return row;
                }
            }

            read += rows.Count;
            if (nextLink is not null)
            {
                linked = true;
                next = Resolve(next, nextLink);
            }
            else if (!linked && fresh > 0)
            {
                next = firstPage(read);
            }
            else
            {
                // Server-driven paging ended, or $skip paging reached a page with nothing new.
                yield break;
            }
        }
    }

    /// <summary>
    /// The next page's URL, relative links resolved. A link to another host is refused: following
    /// it would send this connection's credentials there.
    /// </summary>
    public Uri Resolve(Uri current, string nextLink)
    {
        if (!Uri.TryCreate(current, nextLink, out var uri)
            || !string.Equals(uri.Scheme, apiBase.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, apiBase.Authority, StringComparison.OrdinalIgnoreCase))
        {
            throw new ChatHistoryException(
                ChatErrorKind.ProtocolError,
                $"SuperOffice's odata.nextLink points away from {apiBase.GetLeftPart(UriPartial.Authority)}; ChatHistory does not send credentials to another host.");
        }

        return uri;
    }

    /// <summary>The rows of one OData answer, cloned so that they outlive its document.</summary>
    public static List<JsonElement> Rows(JsonElement root, string what)
    {
        if (root.Get("value") is { ValueKind: JsonValueKind.Array } value)
        {
            return value.EnumerateArray().Select(row => row.Clone()).ToList();
        }

        throw new ChatHistoryException(ChatErrorKind.ProtocolError, $"SuperOffice's answer for {what} had no OData \"value\" array.");
    }
}
