using System.Globalization;
using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.Bitrix24;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>
/// The Bitrix24 history mapping over a JsonElement as it was before the one-pass reader, kept only
/// as the reference the reader is compared with (Bitrix24ReaderDifferentialTests). Building an
/// attachment from a file or an ATTACH block is Core's, unchanged, and shared.
/// </summary>
internal static class ReferenceBitrix24Mapper
{
    public static IReadOnlyList<ChatMessage> MapHistory(JsonElement result, string sessionId, Uri portal, string connection)
    {
        var users = Keyed(result.Get("users"));
        var files = Keyed(result.Get("files"));
        return Values(result.Get("message"))
            .Select(message => MapMessage(message, sessionId, users, files, portal, connection))
            .OrderBy(message => long.TryParse(message.MessageId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue)
            .ThenBy(message => message.MessageId, StringComparer.Ordinal)
            .ToList();
    }

    public static ChatMessage MapMessage(
        JsonElement message,
        string sessionId,
        IReadOnlyDictionary<string, JsonElement> users,
        IReadOnlyDictionary<string, JsonElement> files,
        Uri portal,
        string connection)
    {
        var senderId = message.Str("senderid") ?? message.Str("author_id") ?? "0";
        var isSystem = senderId == "0";
        users.TryGetValue(senderId, out var user);
        var parameters = message.Obj("params");
        var fileAttachments = FileAttachments(parameters, files, portal).ToArray();
        var attachments = fileAttachments.Concat(AttachBlocks(parameters, portal)).ToArray();
        var original = message.Str("text") ?? string.Empty;
        return new ChatMessage
        {
            Provider = ChatProviderKind.Bitrix24,
            Connection = connection,
            SessionId = sessionId,
            MessageId = message.Str("id") ?? string.Empty,
            Timestamp = message.Date("date") ?? default,
            AuthorId = isSystem ? null : senderId,
            AuthorName = isSystem ? null : user.ValueKind == JsonValueKind.Object ? UserName(user) : null,
            AuthorRole = isSystem ? ChatAuthorRole.System : Role(user),
            Text = Bitrix24Text.PlainText(original),
            OriginalText = original,
            Kind = isSystem ? ChatMessageKinds.Event : KindOf(fileAttachments, attachments),
            Attachments = attachments,
            Raw = message.GetRawText(),
        };
    }

    private static ChatAuthorRole Role(JsonElement user)
    {
        if (user.ValueKind != JsonValueKind.Object)
        {
            return ChatAuthorRole.Agent;
        }

        if (user.Bool("connector") == true || string.Equals(user.Str("externalAuthId"), "imconnector", StringComparison.OrdinalIgnoreCase))
        {
            return ChatAuthorRole.Visitor;
        }

        return user.Bool("bot") == true ? ChatAuthorRole.Bot : ChatAuthorRole.Agent;
    }

    private static string? UserName(JsonElement user) =>
        user.Str("name") is { Length: > 0 } name
            ? name
            : string.Join(' ', new[] { user.Str("firstName"), user.Str("lastName") }.Where(part => !string.IsNullOrEmpty(part))) is { Length: > 0 } joined
                ? joined
                : null;

    /// <summary>How the mapper found a message's file ids (params.fileId, else FILE_ID); the attachments are Core's.</summary>
    private static IEnumerable<ChatAttachment> FileAttachments(JsonElement? parameters, IReadOnlyDictionary<string, JsonElement> files, Uri portal)
    {
        if ((parameters?.Get("fileId") ?? parameters?.Get("FILE_ID")) is not { } ids)
        {
            return [];
        }

        var list = ids.ValueKind == JsonValueKind.Array ? ids.EnumerateArray().Select(id => id.AsText()) : [ids.AsText()];
        return Bitrix24Mapper.FileAttachments(list.OfType<string>(), files, portal);
    }

    private static IEnumerable<ChatAttachment> AttachBlocks(JsonElement? parameters, Uri portal) =>
        parameters?.Get("attach") is { } attach ? Bitrix24Mapper.AttachBlocks(attach, portal) : [];

    private static string KindOf(ChatAttachment[] files, ChatAttachment[] all) => Bitrix24Mapper.KindOf(files, all);

    private static Dictionary<string, JsonElement> Keyed(JsonElement? element) => Bitrix24Mapper.Keyed(element);

    private static IEnumerable<JsonElement> Values(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Object),
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object),
        _ => [],
    };
}
