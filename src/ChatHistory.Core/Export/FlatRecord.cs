using System.Globalization;
using ChatHistory.Model;

namespace ChatHistory.Export;

/// <summary>
/// Sessions and messages as flat rows of text for CSV and spreadsheets: the same columns for every
/// platform, dates in ISO 8601 (round-trip "o" format) whatever the culture, enums as names,
/// lists joined with "; ", and Raw only when asked for. Export-Csv writes each value's ToString(),
/// which is culture-dependent for dates and a type name for arrays; these rows avoid both.
/// </summary>
public static class FlatRecord
{
    /// <summary>What joins list values (tags, attachment names and URLs) in one cell.</summary>
    public const string ListSeparator = "; ";

    public static IReadOnlyList<KeyValuePair<string, string?>> Of(ChatSession session, bool includeRaw)
    {
        var row = new List<KeyValuePair<string, string?>>
        {
            new(nameof(ChatSession.Provider), session.Provider.ToString()),
            new(nameof(ChatSession.Connection), session.Connection),
            new(nameof(ChatSession.SessionId), session.SessionId),
            new(nameof(ChatSession.ChatId), session.ChatId),
            new(nameof(ChatSession.Title), session.Title),
            new(nameof(ChatSession.Status), session.Status),
            new(nameof(ChatSession.ProviderStatus), session.ProviderStatus),
            new(nameof(ChatSession.StartedAt), Date(session.StartedAt)),
            new(nameof(ChatSession.EndedAt), Date(session.EndedAt)),
            new(nameof(ChatSession.LastMessageAt), Date(session.LastMessageAt)),
            new(nameof(ChatSession.VisitorId), session.VisitorId),
            new(nameof(ChatSession.VisitorName), session.VisitorName),
            new(nameof(ChatSession.AgentId), session.AgentId),
            new(nameof(ChatSession.AgentName), session.AgentName),
            new(nameof(ChatSession.Channel), session.Channel),
            new(nameof(ChatSession.Source), session.Source),
            new(nameof(ChatSession.MessageCount), session.MessageCount?.ToString(CultureInfo.InvariantCulture)),
            new(nameof(ChatSession.Tags), string.Join(ListSeparator, session.Tags)),
        };
        if (includeRaw)
        {
            row.Add(new(nameof(ChatSession.Raw), session.Raw));
        }

        return row;
    }

    public static IReadOnlyList<KeyValuePair<string, string?>> Of(ChatMessage message, bool includeRaw)
    {
        var row = new List<KeyValuePair<string, string?>>
        {
            new(nameof(ChatMessage.Provider), message.Provider.ToString()),
            new(nameof(ChatMessage.Connection), message.Connection),
            new(nameof(ChatMessage.SessionId), message.SessionId),
            new(nameof(ChatMessage.MessageId), message.MessageId),
            new(nameof(ChatMessage.Timestamp), Date(message.Timestamp)),
            new(nameof(ChatMessage.AuthorId), message.AuthorId),
            new(nameof(ChatMessage.AuthorName), message.AuthorName),
            new(nameof(ChatMessage.AuthorRole), message.AuthorRole.ToString()),
            new(nameof(ChatMessage.Kind), message.Kind),
            new(nameof(ChatMessage.Text), message.Text),
            new(nameof(ChatMessage.OriginalText), message.OriginalText),
            new(nameof(ChatMessage.AttachmentCount), message.AttachmentCount.ToString(CultureInfo.InvariantCulture)),
            new("AttachmentNames", string.Join(ListSeparator, message.Attachments.Select(a => a.Name).Where(n => !string.IsNullOrEmpty(n)))),
            new(nameof(ChatMessage.AttachmentUrls), message.AttachmentUrls),
            new(nameof(ChatMessage.EditedAt), Date(message.EditedAt)),
        };
        if (includeRaw)
        {
            row.Add(new(nameof(ChatMessage.Raw), message.Raw));
        }

        return row;
    }

    /// <summary>ISO 8601 with the offset and all fractional digits: parses back to the same instant under any culture.</summary>
    public static string? Date(DateTimeOffset? value) => value?.ToString("o", CultureInfo.InvariantCulture);
}
