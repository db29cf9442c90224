using System.Globalization;
using System.Text.Json;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// What a session's imopenlines.session.history.get answer says about the session itself, for the
/// by-id path, where imopenlines.dialog.get describes only the chat: when it started (the system
/// message of class bx-messenger-content-item-ol-start, else the oldest message), when it ended
/// (the one of class bx-messenger-content-item-ol-end, "Dialogue completed.", as in the vendor's
/// history sample), how many messages it has, its customer (the user marked connector) and the
/// operator who wrote last.
/// </summary>
public sealed record Bitrix24SessionFacts(
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int MessageCount, string? VisitorId, string? AgentId)
{
    private const string StartClass = "bx-messenger-content-item-ol-start";
    private const string EndClass = "bx-messenger-content-item-ol-end";

    public static Bitrix24SessionFacts Of(JsonElement history)
    {
        var messages = Messages(history.Get("message"))
            .OrderBy(message => long.TryParse(message.Str("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue)
            .ToList();
        var users = history.Obj("users");
        string? visitorId = null;
        string? agentId = null;
        foreach (var message in messages)
        {
            var sender = message.Str("senderid") ?? message.Str("author_id");
            if (sender is null or "0" || users?.Obj(sender) is not { } user)
            {
                continue;
            }

            if (user.Bool("connector") == true || string.Equals(user.Str("externalAuthId"), "imconnector", StringComparison.OrdinalIgnoreCase))
            {
                visitorId ??= sender;
            }
            else if (user.Bool("bot") != true)
            {
                agentId = sender;
            }
        }

        var started = messages.FirstOrDefault(m => ClassOf(m) == StartClass) is { ValueKind: JsonValueKind.Object } start
            ? start.Date("date")
            : messages.Select(m => m.Date("date")).FirstOrDefault(date => date is not null);
        var ended = messages.LastOrDefault(m => ClassOf(m) == EndClass) is { ValueKind: JsonValueKind.Object } end ? end.Date("date") : null;
        return new Bitrix24SessionFacts(started, ended, messages.Count, visitorId, agentId);
    }

    private static string? ClassOf(JsonElement message) =>
        message.Get("params") is { ValueKind: JsonValueKind.Object } parameters ? parameters.Str("class") : null;

    private static IEnumerable<JsonElement> Messages(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Object),
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object),
        _ => [],
    };
}
