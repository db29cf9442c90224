using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatHistory.Model;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>SuperOffice ChatSession archive rows and chat messages to the provider-neutral model.</summary>
public static partial class SuperOfficeMapper
{
    private static readonly Dictionary<string, ChatAuthorRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Customer"] = ChatAuthorRole.Visitor,
        ["Visitor"] = ChatAuthorRole.Visitor,
        ["Agent"] = ChatAuthorRole.Agent,
        ["Associate"] = ChatAuthorRole.Agent,
        ["Bot"] = ChatAuthorRole.Bot,
        ["Chatbot"] = ChatAuthorRole.Bot,
        ["System"] = ChatAuthorRole.System,
        ["Invalid"] = ChatAuthorRole.System,
    };

    private static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["None"] = ChatMessageKinds.Text,
        ["Normal"] = ChatMessageKinds.Text,
        ["Text"] = ChatMessageKinds.Text,
        ["File"] = ChatMessageKinds.File,
        ["Attachment"] = ChatMessageKinds.File,
        ["Image"] = ChatMessageKinds.Image,
        ["Url"] = ChatMessageKinds.Link,
        ["Link"] = ChatMessageKinds.Link,
    };

    /// <summary>Whether a message Type is one ChatHistory maps to a role; others read as System.</summary>
    public static bool IsKnownType(string? type) => type is null || Roles.ContainsKey(type);

    /// <summary>Whether a SpecialType is one ChatHistory names; others pass through as the Kind.</summary>
    public static bool IsKnownSpecialType(string? specialType) => string.IsNullOrEmpty(specialType) || Kinds.ContainsKey(specialType);

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
        var role = Role(message.Str("Type"));
        var specialType = NonEmpty(message.Str("SpecialType"));
        var original = message.Str("Message") ?? string.Empty;
        var kind = specialType is not null && Kinds.TryGetValue(specialType, out var known) ? known : specialType ?? ChatMessageKinds.Text;
        if (kind == ChatMessageKinds.Text && role == ChatAuthorRole.System)
        {
            kind = ChatMessageKinds.Event;
        }

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
            Attachments = Attachment(kind, message.Str("SpecialParam"), original) is { } attachment ? [attachment] : [],
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

    private static ChatAuthorRole Role(string? type) =>
        type is not null && Roles.TryGetValue(type, out var role) ? role : ChatAuthorRole.System;

    private static ChatAttachment? Attachment(string kind, string? parameter, string text)
    {
        var url = AbsoluteUrl(parameter) ?? AbsoluteUrl(text);
        return kind switch
        {
            ChatMessageKinds.File or ChatMessageKinds.Image => new ChatAttachment
            {
                Name = url is null ? parameter : Uri.UnescapeDataString(new Uri(url).Segments[^1]),
                Url = url,
                Kind = kind == ChatMessageKinds.Image ? "image" : "file",
            },
            ChatMessageKinds.Link when url is not null => new ChatAttachment { Name = url, Url = url, Kind = "link" },
            _ => null,
        };
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
