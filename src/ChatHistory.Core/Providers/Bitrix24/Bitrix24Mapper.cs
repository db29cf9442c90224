using System.Globalization;
using System.Text.Json;
using ChatHistory.Completion;
using ChatHistory.Model;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Bitrix24 Open Channels JSON to the provider-neutral model: imopenlines.v2.Session.list rows,
/// crm.activity.list rows, imopenlines.dialog.get dialogs, and the attachments of
/// session.history.get messages (whose messages <see cref="Bitrix24HistoryReader"/> reads).
/// </summary>
public static class Bitrix24Mapper
{
    private static readonly Dictionary<string, string> KnownStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["new"] = "New",
        ["answered"] = "Answered",
        ["closed"] = "Closed",
        ["spam"] = "Spam",
        ["paused"] = "Paused",
    };

    /// <summary>A row of imopenlines.v2.Session.list.</summary>
    public static ChatSession MapSession(JsonElement session, string connection) => new()
    {
        Provider = ChatProviderKind.Bitrix24,
        Connection = connection,
        SessionId = session.Str("id") ?? string.Empty,
        ChatId = session.Str("chatId"),
        Status = ChatSessionStatusWords.Of(IsClosed(session.Str("status"), session.Date("dateClose") is not null)),
        ProviderStatus = ProviderStatus(session.Str("status")),
        StartedAt = session.Date("dateCreate"),
        EndedAt = session.Date("dateClose"),
        VisitorId = session.Str("userId"),
        AgentId = NonZero(session.Str("operatorId")),
        Channel = session.Str("configId"),
        Source = session.Str("source"),
        MessageCount = session.Int("messageCount"),
        Raw = session.GetRawText(),
    };

    /// <summary>A crm.activity.list row of PROVIDER_ID IMOPENLINES_SESSION: ASSOCIATED_ENTITY_ID is the session.</summary>
    public static ChatSession MapActivity(JsonElement activity, string connection)
    {
        var userCode = UserCode.Parse(activity.Obj("PROVIDER_PARAMS")?.Str("USER_CODE"));
        var completed = activity.Bool("COMPLETED") == true;
        return new ChatSession
        {
            Provider = ChatProviderKind.Bitrix24,
            Connection = connection,
            SessionId = activity.Str("ASSOCIATED_ENTITY_ID") ?? string.Empty,
            Title = activity.Str("SUBJECT"),
            Status = ChatSessionStatusWords.Of(completed),
            StartedAt = activity.Date("START_TIME"),
            EndedAt = completed ? activity.Date("END_TIME") : null,
            VisitorId = userCode?.UserId,
            AgentId = NonZero(activity.Str("RESPONSIBLE_ID")),
            Channel = activity.Str("PROVIDER_TYPE_ID") ?? userCode?.LineId,
            Source = userCode?.Connector,
            Raw = activity.GetRawText(),
        };
    }

    /// <summary>
    /// An imopenlines.dialog.get answer, read as the session <paramref name="sessionId"/> of that
    /// dialog. The dialog describes the chat, not the session: the session's own history, when it
    /// could be read, gives its start, end, message count, customer and operator, so that a session
    /// read by id has what a listed one has.
    /// </summary>
    public static ChatSession MapDialog(JsonElement dialog, string sessionId, string connection, JsonElement? history = null)
    {
        var userCode = UserCode.Parse(dialog.Str("entity_id") ?? dialog.Str("entityId"));
        var current = CurrentSessionId(dialog);
        var facts = history is { ValueKind: JsonValueKind.Object } answer ? Bitrix24SessionFacts.Of(answer) : null;
        return new ChatSession
        {
            Provider = ChatProviderKind.Bitrix24,
            Connection = connection,
            SessionId = sessionId,
            ChatId = dialog.Str("id") ?? dialog.Str("chat_id"),
            Title = dialog.Str("name"),
            Status = ChatSessionStatusWords.Of(current != sessionId || facts?.EndedAt is not null),
            StartedAt = facts?.StartedAt,
            EndedAt = facts?.EndedAt,
            VisitorId = facts?.VisitorId ?? userCode?.UserId,
            AgentId = facts?.AgentId ?? NonZero(dialog.Str("owner")),
            Channel = userCode?.LineId,
            Source = userCode?.Connector,
            MessageCount = facts?.MessageCount,
            Raw = dialog.GetRawText(),
        };
    }

    /// <summary>
    /// imopenlines.config.list.get rows as completion values: the lines' ids (named by LINE_NAME) for
    /// -Channel, the users of their queues (named by QUEUE_USERS_FIELDS.USER_NAME) for -Agent, each once.
    /// </summary>
    public static IReadOnlyList<CompletionValue> CompletionValues(IEnumerable<JsonElement> lines, CompletionField field)
    {
        var values = new List<CompletionValue>();
        foreach (var line in lines)
        {
            if (field == CompletionField.Channel)
            {
                if (line.Str("ID") is { } id)
                {
                    values.Add(new CompletionValue(id, line.Str("LINE_NAME")));
                }

                continue;
            }

            var names = line.Obj("QUEUE_USERS_FIELDS");
            foreach (var userId in line.Items("QUEUE").Select(user => user.AsText()).OfType<string>())
            {
                values.Add(new CompletionValue(userId, names?.Obj(userId)?.Str("USER_NAME")));
            }
        }

        return values.DistinctBy(value => value.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether a dialog.get answer is an Open Channels chat: type "lines", entity_type "LINES".</summary>
    public static bool IsOpenLine(JsonElement dialog) =>
        string.Equals(dialog.Str("type"), "lines", StringComparison.OrdinalIgnoreCase)
        || string.Equals(dialog.Str("entity_type") ?? dialog.Str("entityType"), "LINES", StringComparison.OrdinalIgnoreCase);

    /// <summary>Field 6 of the dialog's entity_data_1 pipe list is its current SESSION_ID; null when it has none.</summary>
    public static string? CurrentSessionId(JsonElement dialog)
    {
        var fields = (dialog.Str("entity_data_1") ?? dialog.Str("entityData1"))?.Split('|');
        return fields is { Length: >= 6 } ? NonZero(fields[5]) : null;
    }

    /// <summary>Bitrix24's word as documented (New, Answered, ...); unknown words pass through.</summary>
    private static string? ProviderStatus(string? status) =>
        status is null ? null : KnownStatuses.TryGetValue(status, out var known) ? known : status;

    /// <summary>Over once it has a close date or Bitrix24 calls it closed (as status=closed filters on the server).</summary>
    private static bool IsClosed(string? status, bool hasCloseDate) =>
        hasCloseDate || string.Equals(status, "closed", StringComparison.OrdinalIgnoreCase);

    private static string? NonZero(string? id) => string.IsNullOrEmpty(id) || id == "0" ? null : id;

    /// <summary>
    /// params.fileId lists ids of result.files. The vendor's history sample writes params keys in
    /// camelCase (connectorMid, componentId: b24-rest-docs imopenlines-session-history-get.md);
    /// FILE_ID is the same key as the messenger stores it. Files may spell urlDownload or urldownload
    /// (JsonFields matches names case-insensitively).
    /// </summary>
    internal static IEnumerable<ChatAttachment> FileAttachments(IEnumerable<string> ids, IReadOnlyDictionary<string, JsonElement> files, Uri portal)
    {
        foreach (var id in ids)
        {
            if (!files.TryGetValue(id, out var file))
            {
                yield return new ChatAttachment { Name = $"file {id}", Kind = "file" };
                continue;
            }

            var type = file.Str("type");
            yield return new ChatAttachment
            {
                Name = file.Str("name"),
                Url = Absolute(file.Str("urlDownload") ?? file.Str("urlShow"), portal),
                Kind = type is "image" or "video" or "audio" ? type : "file",
                ContentType = file.Str("mimeType") ?? file.Str("mime_type"),
                Size = file.Long("size"),
            };
        }
    }

    /// <summary>params.ATTACH rich blocks: links, images and files become attachments; text blocks keep their text as the name.</summary>
    internal static IEnumerable<ChatAttachment> AttachBlocks(JsonElement attach, Uri portal)
    {
        var entries = attach.ValueKind == JsonValueKind.Array ? attach.EnumerateArray().ToList() : [attach];
        foreach (var entry in entries)
        {
            foreach (var block in entry.Items("blocks"))
            {
                foreach (var link in block.Items("link"))
                {
                    yield return new ChatAttachment { Name = link.Str("name"), Url = Absolute(link.Str("link"), portal), Kind = "link" };
                }

                foreach (var image in block.Items("image"))
                {
                    yield return new ChatAttachment { Name = image.Str("name"), Url = Absolute(image.Str("link"), portal), Kind = "image" };
                }

                foreach (var file in block.Items("file"))
                {
                    yield return new ChatAttachment
                    {
                        Name = file.Str("name"),
                        Url = Absolute(file.Str("link"), portal),
                        Kind = "file",
                        Size = file.Long("size"),
                    };
                }

                if (block.Str("message") is { Length: > 0 } text)
                {
                    yield return new ChatAttachment { Name = Bitrix24Text.PlainText(text), Kind = "text" };
                }
            }
        }
    }

    internal static string KindOf(ChatAttachment[] files, ChatAttachment[] all) => (files.FirstOrDefault() ?? all.FirstOrDefault())?.Kind switch
    {
        null or "text" => ChatMessageKinds.Text,
        "image" => ChatMessageKinds.Image,
        "video" => ChatMessageKinds.Video,
        "audio" => ChatMessageKinds.Audio,
        "link" => ChatMessageKinds.Link,
        _ => ChatMessageKinds.File,
    };

    /// <summary>Relative links are the portal's own (its base is the part before rest/).</summary>
    private static string? Absolute(string? url, Uri portal) =>
        string.IsNullOrEmpty(url) ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri
        : new Uri(portal, url.TrimStart('/')).AbsoluteUri;

    /// <summary>An object keyed by id, or the [] PHP sends for an empty one, or an array of objects with an id.</summary>
    internal static Dictionary<string, JsonElement> Keyed(JsonElement? element)
    {
        var keyed = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } map)
        {
            foreach (var property in map.EnumerateObject())
            {
                keyed[property.Value.Str("id") ?? property.Name] = property.Value;
            }
        }
        else if (element is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.Str("id") is { } id)
                {
                    keyed[id] = item;
                }
            }
        }

        return keyed;
    }
}

/// <summary>USER_CODE: connector|LINE_ID|CONNECTOR_CHAT_ID|CONNECTOR_USER_ID, e.g. livechat|58|1981|450.</summary>
public sealed record UserCode(string Connector, string LineId, string ConnectorChatId, string UserId)
{
    public static UserCode? Parse(string? text)
    {
        var parts = text?.Split('|');
        return parts is { Length: 4 } ? new UserCode(parts[0], parts[1], parts[2], parts[3]) : null;
    }
}
