using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatHistory.Model;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>SuperOffice ChatSession archive rows and chat messages to the provider-neutral model.</summary>
public static partial class SuperOfficeMapper
{
    /// <summary>Whether a message Type is one the vendor defines; others read as System.</summary>
    public static bool IsKnownType(string? type) => SuperOfficeMessageTypes.IsKnownType(type);

    /// <summary>Whether a SpecialType is one the vendor defines; others pass through as the Kind.</summary>
    public static bool IsKnownSpecialType(string? specialType) => SuperOfficeMessageTypes.IsKnownSpecialType(specialType);

    public static ChatSession MapSession(JsonElement row, ArchiveClock clock, string connection) => new()
    {
        Provider = ChatProviderKind.SuperOffice,
        Connection = connection,
        SessionId = row.Str(ChatSessionColumns.SessionId) ?? row.Str("PrimaryKey") ?? string.Empty,
        Title = row.Str(ChatSessionColumns.FirstMessage),
        Status = ChatSessionStatusWords.Of(clock.Read(row, ChatSessionColumns.WhenEnded) is not null || ChatSessionColumns.IsClosedStatus(row.Str(ChatSessionColumns.Status))),
        ProviderStatus = row.Str(ChatSessionColumns.Status),
        // whenRequested, not whenStarted: a session nobody answered has only the former, and it is what the archive filters on.
        StartedAt = clock.Read(row, ChatSessionColumns.WhenRequested),
        EndedAt = clock.Read(row, ChatSessionColumns.WhenEnded),
        VisitorId = NonZero(row.Str(ChatSessionColumns.PersonId)),
        VisitorName = NonEmpty(row.Str(ChatSessionColumns.PersonName)),
        AgentId = NonZero(row.Str(ChatSessionColumns.AgentId)),
        AgentName = NonEmpty(row.Str(ChatSessionColumns.Agent)),
        Channel = NonEmpty(row.Str(ChatSessionColumns.TopicName)),
        Raw = row.GetRawText(),
    };

    /// <param name="sessionId">The session asked for, used when a message does not name its own.</param>
    public static ChatMessage MapMessage(JsonElement message, string sessionId, ArchiveClock clock, string connection)
    {
        var specialType = NonEmpty(message.Str("SpecialType"));
        var role = SuperOfficeMessageTypes.Role(message.Str("Type"), specialType);
        var original = message.Str("Message") ?? string.Empty;
        var kind = SuperOfficeMessageTypes.Kind(specialType, role);
        return new ChatMessage
        {
            Provider = ChatProviderKind.SuperOffice,
            Connection = connection,
            SessionId = message.Str("ChatSessionId") ?? sessionId,
            MessageId = message.Str("ChatMessageId") ?? string.Empty,
            Timestamp = clock.Read(message, "WhenPosted") ?? default,
            AuthorName = NonEmpty(message.Str("Author")),
            AuthorRole = role,
            Text = PlainText(original),
            OriginalText = original,
            Kind = kind,
            Attachments = Attachments(SuperOfficeMessageTypes.SpecialTypeName(specialType), message.Str("SpecialParam"), original),
            Raw = message.GetRawText(),
        };
    }

    /// <summary>Chat text may carry HTML from the agent's editor; plain text passes unchanged.</summary>
    public static string PlainText(string text)
    {
        if (!Tag().IsMatch(text))
        {
            return text;
        }

        var withBreaks = LineBreak().Replace(text, "\n");
        return WebUtility.HtmlDecode(Tag().Replace(withBreaks, string.Empty)).Trim();
    }

    /// <summary>A Url message links its URL; an Options message offers its options (a JSON array in SpecialParam).</summary>
    private static ChatAttachment[] Attachments(string? specialType, string? parameter, string text) => specialType switch
    {
        SuperOfficeMessageTypes.Url when (AbsoluteUrl(parameter) ?? AbsoluteUrl(text)) is { } url => [new ChatAttachment { Name = url, Url = url, Kind = "link" }],
        SuperOfficeMessageTypes.Options => OptionList(parameter).Select(option => new ChatAttachment { Name = option, Kind = "option" }).ToArray(),
        _ => [],
    };

    private static IEnumerable<string> OptionList(string? parameter)
    {
        if (string.IsNullOrWhiteSpace(parameter))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(parameter);
            return document.RootElement.ValueKind != JsonValueKind.Array
                ? [parameter]
                : document.RootElement.EnumerateArray()
                    .Select(option => option.ValueKind == JsonValueKind.Object
                        ? option.Str("text") ?? option.Str("label") ?? option.Str("name") ?? option.Str("value") ?? option.GetRawText()
                        : option.AsText() ?? option.GetRawText())
                    .ToList();
        }
        catch (JsonException)
        {
            // Not the documented JSON array: keep what was sent as one option rather than lose it.
            return [parameter];
        }
    }

    private static string? AbsoluteUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Archive rows write an absent id as 0.</summary>
    private static string? NonZero(string? id) => string.IsNullOrWhiteSpace(id) || id == "0" ? null : id;

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"<\s*br\s*/?\s*>|</\s*p\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();
}
