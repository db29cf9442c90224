using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.Bitrix24;

/// <summary>
/// The JSON Bitrix24 answers with, of exactly the vendor sample's shape: messages keyed by id in
/// no chronological order, lower-case keys, ids as strings, [] for empty objects.
/// </summary>
public static class Bitrix24Json
{
    public static JsonObject History(B24Session session)
    {
        var messages = new JsonObject();
        // Newest first, with the oldest moved to the middle: key order must not be trusted.
        var ordered = session.Messages.OrderByDescending(m => m.Id).ToList();
        if (ordered.Count > 2)
        {
            var oldest = ordered[^1];
            ordered.RemoveAt(ordered.Count - 1);
            ordered.Insert(ordered.Count / 2, oldest);
        }

        foreach (var message in ordered)
        {
            messages[Text(message.Id)] = new JsonObject
            {
                ["id"] = Text(message.Id),
                ["chatid"] = Text(session.ChatId),
                ["senderid"] = Text(message.SenderId),
                ["recipientid"] = $"chat{session.ChatId}",
                ["date"] = Bitrix24Data.Iso(message.Date),
                ["text"] = message.Text,
                ["textlegacy"] = message.TextLegacy,
                ["params"] = message.Params.DeepClone(),
            };
        }

        var users = new JsonObject();
        foreach (var senderId in session.Messages.Select(m => m.SenderId).Where(id => id != 0).Distinct())
        {
            users[Text(senderId)] = User(session, senderId);
        }

        JsonNode files = session.Files.Count == 0
            ? new JsonArray()
            : new JsonObject(session.Files.Select(f => KeyValuePair.Create(Text(f.Key), (JsonNode?)f.Value.DeepClone())));

        return new JsonObject
        {
            ["chatId"] = session.ChatId,
            ["canJoin"] = "Y",
            ["canVoteHead"] = "Y",
            ["sessionId"] = session.Id,
            ["sessionVoteHead"] = 0,
            ["sessionCommentHead"] = null,
            ["userId"] = $"chat{session.ChatId}",
            ["message"] = messages,
            ["usersMessage"] = new JsonObject
            {
                [$"chat{session.ChatId}"] = new JsonArray(ordered.Select(m => (JsonNode)Text(m.Id)).ToArray()),
            },
            ["users"] = users,
            ["openlines"] = new JsonObject { ["canvoteashead"] = new JsonObject { [Text(session.LineId)] = true } },
            ["userInGroup"] = new JsonArray(),
            ["woUserInGroup"] = new JsonArray(),
            ["chat"] = new JsonObject { [Text(session.ChatId)] = Chat(session) },
            ["userBlockChat"] = new JsonObject { [Text(session.ChatId)] = new JsonObject { [Text(session.VisitorId)] = false } },
            ["userInChat"] = new JsonObject { [Text(session.ChatId)] = new JsonArray(session.VisitorId, session.OperatorId) },
            ["files"] = files,
        };
    }

    /// <summary>A row of imopenlines.v2.Session.list.</summary>
    public static JsonObject SessionRow(B24Session session) => new()
    {
        ["id"] = session.Id,
        ["configId"] = session.LineId,
        ["source"] = session.Source,
        ["operatorId"] = session.OperatorId,
        ["userId"] = session.VisitorId,
        ["userCode"] = session.UserCode,
        ["chatId"] = session.ChatId,
        ["dateCreate"] = Bitrix24Data.Iso(session.Created),
        ["dateClose"] = session.Closed is { } closed ? Bitrix24Data.Iso(closed) : null,
        ["status"] = session.Status,
        ["closeReason"] = session.Closed is null ? null : "operator",
        ["vote"] = 0,
        ["messageCount"] = session.Messages.Count,
        ["crmEntityType"] = "LEAD",
        ["crmEntityId"] = 300 + session.VisitorId,
    };

    /// <summary>A crm.activity.list row: CRM sends every value as a string.</summary>
    public static JsonObject ActivityRow(B24Session session) => new()
    {
        ["ID"] = Text(9000 + session.Id),
        ["OWNER_ID"] = Text(300 + session.VisitorId),
        ["OWNER_TYPE_ID"] = "1",
        ["TYPE_ID"] = "6",
        ["PROVIDER_ID"] = "IMOPENLINES_SESSION",
        ["PROVIDER_TYPE_ID"] = Text(session.LineId),
        ["ASSOCIATED_ENTITY_ID"] = Text(session.Id),
        ["SUBJECT"] = $"Guest Room #{session.ChatId - 2000} - {session.Source}",
        ["START_TIME"] = Bitrix24Data.Iso(session.Created),
        ["END_TIME"] = Bitrix24Data.Iso(session.Closed ?? session.Created.AddDays(1)),
        ["COMPLETED"] = session.Closed is null ? "N" : "Y",
        ["RESPONSIBLE_ID"] = Text(session.OperatorId),
        ["DIRECTION"] = "1",
        ["PROVIDER_PARAMS"] = new JsonObject { ["USER_CODE"] = session.UserCode },
    };

    /// <summary>
    /// imopenlines.config.list.get with OPTIONS.QUEUE=Y (b24-rest-docs imopenlines-config-list-get.md):
    /// ID as a string, LINE_NAME, QUEUE as user ids and QUEUE_USERS_FIELDS keyed by user id.
    /// Both lines are served by both operators.
    /// </summary>
    public static JsonArray Lines() => new(
        Bitrix24Data.LineNames.Select(line => (JsonNode)new JsonObject
        {
            ["ID"] = Text(line.Id),
            ["LINE_NAME"] = line.Name,
            ["ACTIVE"] = "Y",
            ["QUEUE"] = new JsonArray(Bitrix24Data.Operators.Select(o => (JsonNode)o.Id).ToArray()),
            ["QUEUE_USERS_FIELDS"] = new JsonObject(Bitrix24Data.Operators.Select(o => KeyValuePair.Create(Text(o.Id), (JsonNode?)new JsonObject
            {
                ["USER_NAME"] = $"{o.First} {o.Last}",
                ["USER_WORK_POSITION"] = "Support",
                ["USER_AVATAR"] = "",
                ["USER_AVATAR_ID"] = null,
            }))),
        }).ToArray());

    /// <summary>imopenlines.dialog.get for a group chat the user belongs to: no open line, no sessions.</summary>
    public static JsonObject GroupChat(int chatId) => new()
    {
        ["avatar"] = "",
        ["color"] = "#4ba984",
        ["date_create"] = Bitrix24Data.Iso(Bitrix24Data.Epoch.AddDays(-400)),
        ["dialog_id"] = $"chat{chatId}",
        ["entity_data_1"] = "",
        ["entity_data_2"] = "",
        ["entity_data_3"] = "",
        ["entity_id"] = "",
        ["entity_type"] = "",
        ["extranet"] = false,
        ["id"] = chatId,
        ["manager_list"] = new JsonArray(),
        ["message_type"] = "C",
        ["name"] = "General chat",
        ["owner"] = 1,
        ["type"] = "chat",
    };

    /// <summary>imopenlines.dialog.get: snake_case keys; entity_data_1 field 6 is the current session.</summary>
    public static JsonObject Dialog(B24Session any, B24Session? current) => new()
    {
        ["avatar"] = "",
        ["color"] = "#ab7761",
        ["date_create"] = Bitrix24Data.Iso(any.Created),
        ["description"] = "",
        ["dialog_id"] = $"chat{any.ChatId}",
        ["entity_data_1"] = $"N|NONE|0|N|N|{current?.Id ?? 0}|{any.Created.ToUnixTimeSeconds()}|0|0|0",
        ["entity_data_2"] = "",
        ["entity_data_3"] = "",
        ["entity_id"] = any.UserCode,
        ["entity_type"] = "LINES",
        ["extranet"] = false,
        ["id"] = any.ChatId,
        ["manager_list"] = new JsonArray(),
        ["message_type"] = "L",
        ["name"] = $"Guest Room #{any.ChatId - 2000} - {any.Source}",
        ["owner"] = (current ?? any).OperatorId,
        ["public"] = "",
        ["type"] = "lines",
    };

    private static JsonObject Chat(B24Session session) => new()
    {
        ["id"] = Text(session.ChatId),
        ["name"] = $"Guest Room #{session.ChatId - 2000} - {session.Source}",
        ["owner"] = "0",
        ["color"] = "#ab7761",
        ["extranet"] = false,
        ["avatar"] = "/bitrix/js/im/images/blank.gif",
        ["call"] = "0",
        ["callNumber"] = "",
        ["entityType"] = "LINES",
        ["entityId"] = session.UserCode,
        ["entityData1"] = $"N|NONE|0|N|N|{(session.Closed is null ? session.Id : 0)}|{session.Created.ToUnixTimeSeconds()}|0|0|0",
        ["entityData2"] = "",
        ["entityData3"] = "N",
        ["public"] = "",
        ["muteList"] = new JsonObject { [Text(session.VisitorId)] = false },
        ["managerList"] = null,
        ["dateCreate"] = Bitrix24Data.Iso(session.Created),
        ["type"] = "lines",
        ["messageType"] = "L",
    };

    private static JsonObject User(B24Session session, int userId)
    {
        var isVisitor = userId == session.VisitorId;
        var isBot = userId == Bitrix24Data.Bot.Id;
        var operatorName = Bitrix24Data.Operators.FirstOrDefault(o => o.Id == userId);
        var (first, last) = isVisitor ? ("Guest", "") : isBot ? (Bitrix24Data.Bot.Name, "") : (operatorName.First, operatorName.Last);
        return new JsonObject
        {
            ["id"] = Text(userId),
            ["name"] = string.IsNullOrEmpty(last) ? first : $"{first} {last}",
            ["active"] = true,
            ["firstName"] = first,
            ["lastName"] = last,
            ["workPosition"] = isVisitor || isBot ? null : "Support",
            ["color"] = "#ab7761",
            ["avatar"] = "/bitrix/js/im/images/blank.gif",
            ["avatarId"] = null,
            ["birthday"] = false,
            ["gender"] = "M",
            ["phoneDevice"] = false,
            ["phones"] = false,
            ["extranet"] = isVisitor,
            ["tzOffset"] = 0,
            ["network"] = false,
            ["bot"] = isBot,
            ["connector"] = isVisitor,
            ["profile"] = $"/company/personal/user/{userId}/",
            ["externalAuthId"] = isVisitor ? "imconnector" : isBot ? "bot" : "default",
            ["status"] = null,
            ["idle"] = false,
            ["lastActivityDate"] = Bitrix24Data.Iso(session.Created),
            ["mobileLastDate"] = false,
            ["desktopLastDate"] = false,
            ["departments"] = new JsonArray(),
            ["absent"] = false,
            ["services"] = null,
        };
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
