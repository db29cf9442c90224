using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatHistory.Simulator.Common;

namespace ChatHistory.Simulator.Bitrix24;

/// <summary>One Open Channels session: a handling cycle inside a lines chat.</summary>
public sealed class B24Session
{
    public required int Id { get; init; }

    public required int ChatId { get; init; }

    public required int LineId { get; init; }

    public required string Source { get; init; }

    public required int OperatorId { get; init; }

    public required int VisitorId { get; init; }

    public required string UserCode { get; init; }

    public required DateTimeOffset Created { get; init; }

    public DateTimeOffset? Closed { get; init; }

    public required string Status { get; init; }

    public List<B24Message> Messages { get; } = [];

    public Dictionary<int, JsonObject> Files { get; } = [];

    private JsonElement? history;

    /// <summary>
    /// imopenlines.session.history.get's result, built once when the data is generated (a session
    /// does not change after that). Built on a request instead, a bench read, which runs against a
    /// fresh simulator, paid for every session's JSON tree: about 30 MB of garbage per 300
    /// sessions, whose collections paused the client it is measuring.
    /// </summary>
    public JsonObject History() => JsonObject.Create(history ?? throw new InvalidOperationException($"Session {Id} is not complete."))!;

    /// <summary>Builds the kept history; called once the session's messages and files are all added.</summary>
    public void Complete() => history = JsonDocument.Parse(Bitrix24Json.History(this).ToJsonString()).RootElement;
}

/// <summary>A message as imopenlines.session.history.get holds it; <see cref="Params"/> is [] when empty.</summary>
public sealed record B24Message(int Id, int SenderId, DateTimeOffset Date, string Text, string TextLegacy, JsonNode Params);

/// <summary>
/// Deterministic sessions on two open lines (a website chat and Telegram), visitors who come back
/// to the same chat, two operators and a chatbot, with system messages, BBCode, rich attach blocks
/// and files. Sessions start three hours apart; dates carry the portal's +02:00 offset.
/// </summary>
public sealed class Bitrix24Data
{
    public static readonly TimeSpan PortalOffset = TimeSpan.FromHours(2);

    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 9, 0, 0, PortalOffset);

    public static readonly (int Id, string First, string Last)[] Operators = [(1, "Vladimir", "Loginov"), (7, "Anna", "Petrova")];

    public static readonly (int Id, string Name) Bot = (12, "Marta");

    /// <summary>The two open lines: a website chat, and messengers (Telegram, WhatsApp).</summary>
    public static readonly (int Id, string Name)[] LineNames = [(1, "Website chat"), (2, "Messengers")];

    /// <summary>A group chat that is not an open line (CHAT_TYPE when looked up).</summary>
    public const int GeneralChatId = 1;

    private const int VisitorCount = 50;
    private const int FirstVisitorId = 450;
    private const int FirstChatId = 2000;
    private const int FirstSessionId = 500;

    private readonly SeededIds ids;
    private int nextMessageId = 18000;
    private int nextFileId = 700;

    public Bitrix24Data(Bitrix24Options options)
    {
        ids = new SeededIds(options.Seed);
        for (var i = 0; i < options.SessionCount; i++)
        {
            Sessions.Add(CreateSession(i, options.SessionCount));
        }

        ById = Sessions.ToDictionary(s => s.Id);
    }

    public List<B24Session> Sessions { get; } = [];

    /// <summary>The files ajax.php?action=disk.api.file.download&amp;fileId= serves.</summary>
    public FileCatalog Files { get; } = new("bitrix24");

    /// <summary>Every third file is larger than a 64 KB buffer, so that downloads stream in several reads.</summary>
    private static long FileSize(int fileId) => fileId % 3 == 0 ? 150_000 : 48_213;

    public IReadOnlyDictionary<int, B24Session> ById { get; }

    public static int ChatIdOfVisitor(int visitor) => FirstChatId + visitor - FirstVisitorId;

    public IEnumerable<B24Session> SessionsOfChat(int chatId) => Sessions.Where(s => s.ChatId == chatId);

    /// <summary>The chat's session still in progress, or null when all are closed.</summary>
    public B24Session? CurrentSession(int chatId) => SessionsOfChat(chatId).LastOrDefault(s => s.Closed is null);

    private B24Session CreateSession(int index, int sessionCount)
    {
        // A returning visitor comes back to the same chat through the same line and connector.
        var visitorIndex = index % VisitorCount;
        var visitor = FirstVisitorId + visitorIndex;
        var line = visitorIndex % 3 == 2 ? 2 : 1;
        var source = line == 1 ? "livechat" : visitorIndex % 2 == 0 ? "telegrambot" : "whatsappbyedna";
        var chatId = ChatIdOfVisitor(visitor);
        var created = Epoch.AddHours(3 * index);
        // A chat has one session at a time: only a visitor's last session may still be open.
        var open = index % 5 == 4 && index + VisitorCount >= sessionCount;
        var spam = !open && index % 23 == 22;
        var operatorId = Operators[index % Operators.Length].Id;
        var session = new B24Session
        {
            Id = FirstSessionId + index,
            ChatId = chatId,
            LineId = line,
            Source = source,
            OperatorId = operatorId,
            VisitorId = visitor,
            UserCode = $"{source}|{line}|{chatId - 1}|{visitor}",
            Created = created,
            Closed = open ? null : created.AddMinutes(20 + index % 30),
            Status = open ? (index % 10 == 4 ? "new" : "answered") : spam ? "spam" : "closed",
        };

        AddMessages(session, index);
        session.Complete();
        return session;
    }

    private void AddMessages(B24Session session, int index)
    {
        var at = session.Created;
        DateTimeOffset Next() => at = at.AddSeconds(10 + ids.Random.Next(50));
        var operatorName = OperatorName(session.OperatorId);

        Add(session, 0, at, $"[B]Start a new dialogue[/B] #{session.Id}", "<B>Start a new dialogue</B>",
            new JsonObject { ["class"] = "bx-messenger-content-item-ol-start" });
        Add(session, session.VisitorId, Next(), ids.Sentence(), null,
            new JsonObject { ["connectorMid"] = new JsonArray(nextMessageId.ToString(CultureInfo.InvariantCulture)) });
        Add(session, Bot.Id, Next(), "[b]Hello![/b] I am Marta, the assistant.[br]How can I help?", null, new JsonArray());
        Add(session, 0, Next(), $"[USER={session.OperatorId} REPLACE]{operatorName}", null, new JsonArray());

        var extra = 2 + index % 6;
        for (var m = 0; m < extra; m++)
        {
            switch (m % 4)
            {
                case 0:
                    Add(session, session.OperatorId, Next(), $"[USER={session.VisitorId}]Guest[/USER], see [url=https://example.com/faq]our FAQ[/url]", null, new JsonArray());
                    break;
                case 1:
                    Add(session, session.VisitorId, Next(), ids.Sentence(), null, new JsonArray());
                    break;
                case 2:
                    AddFile(session, Next());
                    break;
                default:
                    Add(session, 0, Next(), "Forwarded", "<B>Forwarded", new JsonObject
                    {
                        ["attach"] = new JsonArray(new JsonObject
                        {
                            ["id"] = 1684478426 + index,
                            ["blocks"] = new JsonArray(
                                new JsonObject { ["message"] = "Page site" },
                                new JsonObject
                                {
                                    ["link"] = new JsonArray(new JsonObject
                                    {
                                        ["name"] = "https://example.com/pricing",
                                        ["link"] = "https://example.com/pricing",
                                    }),
                                }),
                            ["description"] = "",
                            ["color"] = "#df532d",
                        }),
                        ["class"] = "bx-messenger-content-item-system",
                    });
                    break;
            }
        }

        if (session.Closed is { } closed)
        {
            Add(session, 0, closed, "Dialogue completed.", null, new JsonObject
            {
                ["class"] = "bx-messenger-content-item-ol-end",
                ["componentId"] = "bx-imopenlines-message",
                ["imolVoteHead"] = 0,
                ["imolVoteSid"] = session.Id,
                ["imolVoteUser"] = 0,
                ["type"] = "lines",
            });
        }
    }

    private void AddFile(B24Session session, DateTimeOffset at)
    {
        var fileId = nextFileId++;
        var name = $"photo-{fileId}.jpg";
        session.Files[fileId] = new JsonObject
        {
            ["id"] = fileId.ToString(CultureInfo.InvariantCulture),
            ["chatId"] = session.ChatId,
            ["date"] = Iso(at),
            ["type"] = "image",
            ["name"] = name,
            ["extension"] = "jpg",
            ["size"] = FileSize(fileId),
            ["image"] = new JsonObject { ["width"] = 640, ["height"] = 480 },
            ["status"] = "done",
            ["progress"] = 100,
            ["authorId"] = session.VisitorId,
            ["authorName"] = "Guest",
        };
        Files.Add(fileId.ToString(CultureInfo.InvariantCulture), name, FileSize(fileId));
        // Files come with camelCase (urlDownload) or lower-case (urldownload) keys; both are the vendor's.
        var lower = fileId % 2 == 1;
        session.Files[fileId][lower ? "urlpreview" : "urlPreview"] = $"/bitrix/services/main/ajax.php?action=disk.api.file.showImage&fileId={fileId}&preview=Y";
        session.Files[fileId][lower ? "urlshow" : "urlShow"] = $"/bitrix/services/main/ajax.php?action=disk.api.file.showImage&fileId={fileId}";
        session.Files[fileId][lower ? "urldownload" : "urlDownload"] = $"/bitrix/services/main/ajax.php?action=disk.api.file.download&fileId={fileId}";
        // params keys are camelCase in the vendor's history sample (connectorMid, componentId): fileId.
        Add(session, session.VisitorId, at, "", null, new JsonObject
        {
            ["fileId"] = new JsonArray(fileId.ToString(CultureInfo.InvariantCulture)),
        });
    }

    private void Add(B24Session session, int senderId, DateTimeOffset at, string text, string? legacy, JsonNode parameters) =>
        session.Messages.Add(new B24Message(nextMessageId++, senderId, at, text, legacy ?? text, parameters));

    public static string OperatorName(int id) =>
        Operators.Where(o => o.Id == id).Select(o => $"{o.First} {o.Last}").FirstOrDefault() ?? $"User {id}";

    public static string Iso(DateTimeOffset at) =>
        at.ToOffset(PortalOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
