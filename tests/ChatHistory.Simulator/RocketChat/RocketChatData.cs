using System.Text.Json.Nodes;
using ChatHistory.Simulator.Common;

namespace ChatHistory.Simulator.RocketChat;

/// <summary>A livechat room and its messages, kept in Rocket.Chat's own JSON shape.</summary>
public sealed class RocketRoom
{
    public required string Id { get; init; }

    public required string VisitorId { get; init; }

    public required string AgentId { get; init; }

    public required string DepartmentId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public required string[] Tags { get; init; }

    public required JsonObject Json { get; init; }

    public List<RocketMessage> Messages { get; } = [];
}

public sealed record RocketMessage(DateTimeOffset Timestamp, JsonObject Json)
{
    public string Id => (string)Json["_id"]!;
}

/// <summary>
/// Deterministic rooms with visitors, agents, a bot, system messages, attachments and edits.
/// Rooms start one after the other, two hours apart, ending at a fixed date.
/// </summary>
public sealed class RocketChatData
{
    public static readonly DateTimeOffset Epoch = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly string[] Departments = ["deptSales00000001", "deptSupport000001"];

    public static readonly string[] DepartmentNames = ["Sales", "Customer Support"];

    /// <summary>The livechat tags the rooms carry, with the description livechat/tags lists.</summary>
    public static readonly (string Name, string Description)[] TagList = [("vip", "Key accounts"), ("billing", "Invoices and payments")];

    public static readonly (string Id, string Username, string Name)[] Agents =
    [
        ("agentAlice0000001", "alice", "Alice Agent"),
        ("agentBob000000001", "bob", "Bob Agent"),
    ];

    public static readonly (string Id, string Username, string Name) Bot = ("botRocketCat00001", "rocket.cat", "Rocket.Cat");

    private readonly object gate = new();
    private readonly SeededIds ids;
    private int grown;

    public RocketChatData(RocketChatOptions options)
    {
        ids = new SeededIds(options.Seed);
        for (var i = 0; i < options.RoomCount; i++)
        {
            Rooms.Add(CreateRoom(i, options));
        }
    }

    public List<RocketRoom> Rooms { get; } = [];

    /// <summary>The files /file-upload/{id}/{name} serves.</summary>
    public FileCatalog Files { get; } = new("rocketchat");

    /// <summary>
    /// Uploads kept in object storage: /file-upload/ answers them with a redirect to a signed URL on
    /// the storage host, as Rocket.Chat does for Amazon S3 without FileUpload_S3_Proxy_Uploads.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> StoredElsewhere { get; } = new(StringComparer.Ordinal);

    public RocketRoom? Find(string roomId) => Rooms.FirstOrDefault(r => r.Id == roomId);

    /// <summary>Adds a visitor message at the end of a room (the room grows while a client reads it).</summary>
    public void AppendVisitorMessage(RocketRoom room)
    {
        lock (gate)
        {
            var last = room.Messages.Count == 0 ? room.CreatedAt : room.Messages[^1].Timestamp;
            var visitor = (JsonObject)room.Json["v"]!;
            var message = VisitorMessage(room.Id, last.AddSeconds(1), visitor, $"late message {++grown}");
            room.Messages.Add(message);
            room.Json["msgs"] = room.Messages.Count;
        }
    }

    /// <summary>
    /// Appends a visitor message with the given files (any names, hostile ones included), linked as
    /// Rocket.Chat links uploads, or at <paramref name="foreignBase"/> when given (a file on another host).
    /// </summary>
    public RocketMessage AppendFiles(
        RocketRoom room, IReadOnlyList<(string Name, long Size)> files, Uri? foreignBase, FileCatalog foreignCatalog, Uri? redirectBase = null)
    {
        lock (gate)
        {
            var last = room.Messages.Count == 0 ? room.CreatedAt : room.Messages[^1].Timestamp;
            var visitor = (JsonObject)room.Json["v"]!;
            var fileList = new JsonArray();
            var links = new JsonArray();
            foreach (var (name, size) in files)
            {
                var fileId = ids.MeteorId();
                var file = (foreignBase is null && redirectBase is null ? Files : foreignCatalog).Add(fileId, name, size);
                if (redirectBase is not null)
                {
                    // The storage host holds the bytes; the link stays the server's own.
                    Files.Add(file);
                    StoredElsewhere[fileId] = new Uri(redirectBase, $"cdn/{fileId}/{Uri.EscapeDataString(name)}?X-Amz-Signature=sim").AbsoluteUri;
                }

                var link = foreignBase is null
                    ? $"/file-upload/{fileId}/{Uri.EscapeDataString(name)}"
                    : new Uri(foreignBase, $"cdn/{fileId}/{Uri.EscapeDataString(name)}").AbsoluteUri;
                fileList.Add(new JsonObject { ["_id"] = fileId, ["name"] = name, ["type"] = "application/octet-stream", ["size"] = size });
                links.Add(new JsonObject { ["title"] = name, ["title_link"] = link, ["type"] = "file" });
            }

            var message = new RocketMessage(last.AddSeconds(1), new JsonObject
            {
                ["_id"] = ids.MeteorId(),
                ["rid"] = room.Id,
                ["msg"] = "",
                ["token"] = (string)visitor["token"]!,
                ["ts"] = Iso(last.AddSeconds(1)),
                ["u"] = new JsonObject { ["_id"] = (string)visitor["_id"]!, ["username"] = (string)visitor["username"]!, ["name"] = "Visitor" },
                ["files"] = fileList,
                ["attachments"] = links,
                ["_updatedAt"] = Iso(last.AddSeconds(1)),
            });
            room.Messages.Add(message);
            room.Json["msgs"] = room.Messages.Count;
            return message;
        }
    }

    public IReadOnlyList<RocketMessage> Snapshot(RocketRoom room)
    {
        lock (gate)
        {
            return room.Messages.ToArray();
        }
    }

    private RocketRoom CreateRoom(int index, RocketChatOptions options)
    {
        var id = ids.MeteorId();
        var created = Epoch.AddHours(2 * index);
        var agent = Agents[index % Agents.Length];
        var department = Departments[index % Departments.Length];
        var closed = index % 4 != 3;
        var visitorId = ids.MeteorId();
        var visitorName = $"Visitor {index % 7}";
        var visitorIdForRoom = index % 7 == 0 ? "visitorRepeat0001" : visitorId;
        var visitor = new JsonObject
        {
            ["_id"] = visitorIdForRoom,
            ["username"] = $"guest-{index % 7}",
            ["token"] = $"tok{visitorIdForRoom}",
            ["status"] = "offline",
        };
        var tags = index % 3 == 0 ? new[] { "vip", "billing" } : index % 3 == 1 ? new[] { "billing" } : Array.Empty<string>();

        var messages = new List<RocketMessage>();
        var count = index == 0 ? 0 : 1 + ids.Random.Next(Math.Max(1, options.MaxMessagesPerRoom));
        var at = created;
        for (var m = 0; m < count; m++)
        {
            at = at.AddSeconds(5 + ids.Random.Next(60));
            messages.Add((m % 10) switch
            {
                0 => VisitorMessage(id, at, visitor, ids.Sentence()),
                1 or 4 or 6 => AgentMessage(id, at, agent, ids.Sentence(), edited: m % 20 == 4),
                2 => BotMessage(id, at),
                3 => FileMessage(id, at, visitor),
                5 => SystemMessage(id, at, agent, "uj"),
                _ => VisitorMessage(id, at, visitor, ids.Sentence()),
            });
        }

        DateTimeOffset? closedAt = null;
        if (closed)
        {
            at = at.AddSeconds(30);
            closedAt = at;
            messages.Add(SystemMessage(id, at, agent, "livechat-close", "Closed by agent"));
        }

        var lastMessageAt = messages.Count == 0 ? created : messages[^1].Timestamp;
        var json = new JsonObject
        {
            ["_id"] = id,
            ["msgs"] = messages.Count,
            ["usersCount"] = 2,
            ["lm"] = Iso(lastMessageAt),
            ["fname"] = visitorName,
            ["t"] = "l",
            ["ts"] = Iso(created),
            ["departmentId"] = department,
            ["v"] = visitor.DeepClone(),
            ["servedBy"] = new JsonObject { ["_id"] = agent.Id, ["username"] = agent.Username, ["ts"] = Iso(created) },
            ["cl"] = false,
            ["open"] = closed ? null : true,
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
            ["source"] = new JsonObject { ["type"] = index % 5 == 0 ? "api" : "widget" },
            ["_updatedAt"] = Iso(lastMessageAt),
        };
        if (closedAt is { } closedValue)
        {
            json.Remove("open");
            json["closedAt"] = Iso(closedValue);
            json["closer"] = "user";
        }

        var room = new RocketRoom
        {
            Id = id,
            VisitorId = visitorIdForRoom,
            AgentId = agent.Id,
            DepartmentId = department,
            CreatedAt = created,
            ClosedAt = closedAt,
            Tags = tags,
            Json = json,
        };
        room.Messages.AddRange(messages);
        return room;
    }

    private RocketMessage VisitorMessage(string roomId, DateTimeOffset at, JsonObject visitor, string text) =>
        new(at, new JsonObject
        {
            ["_id"] = ids.MeteorId(),
            ["rid"] = roomId,
            ["msg"] = text,
            ["token"] = (string)visitor["token"]!,
            ["alias"] = "Visitor",
            ["ts"] = Iso(at),
            ["u"] = new JsonObject { ["_id"] = (string)visitor["_id"]!, ["username"] = (string)visitor["username"]!, ["name"] = "Visitor" },
            ["_updatedAt"] = Iso(at),
            ["urls"] = new JsonArray(),
            ["mentions"] = new JsonArray(),
            ["channels"] = new JsonArray(),
        });

    private RocketMessage AgentMessage(string roomId, DateTimeOffset at, (string Id, string Username, string Name) agent, string text, bool edited)
    {
        var json = new JsonObject
        {
            ["_id"] = ids.MeteorId(),
            ["rid"] = roomId,
            ["msg"] = text,
            ["ts"] = Iso(at),
            ["u"] = new JsonObject { ["_id"] = agent.Id, ["username"] = agent.Username, ["name"] = agent.Name },
            ["_updatedAt"] = Iso(at),
        };
        if (edited)
        {
            json["editedAt"] = Iso(at.AddMinutes(1));
            json["editedBy"] = new JsonObject { ["_id"] = agent.Id, ["username"] = agent.Username };
        }

        return new RocketMessage(at, json);
    }

    private RocketMessage BotMessage(string roomId, DateTimeOffset at) =>
        new(at, new JsonObject
        {
            ["_id"] = ids.MeteorId(),
            ["rid"] = roomId,
            ["msg"] = "*Hello!* I am the _assistant_. See [our FAQ](https://example.com/faq).",
            ["ts"] = Iso(at),
            ["u"] = new JsonObject { ["_id"] = Bot.Id, ["username"] = Bot.Username, ["name"] = Bot.Name },
            ["bot"] = new JsonObject { ["i"] = "integration01" },
            ["_updatedAt"] = Iso(at),
        });

    private RocketMessage FileMessage(string roomId, DateTimeOffset at, JsonObject visitor)
    {
        var fileId = ids.MeteorId();
        // Every other file has a space in its name: Rocket.Chat writes the link escaped (invoice%202026-10.png).
        var name = fileId[0] < 'N' ? $"invoice {fileId[..4]}.png" : $"screenshot-{fileId[..4]}.png";
        Files.Add(fileId, name, 48213);
        return new(at, new JsonObject
        {
            ["_id"] = ids.MeteorId(),
            ["rid"] = roomId,
            ["msg"] = "",
            ["token"] = (string)visitor["token"]!,
            ["ts"] = Iso(at),
            ["u"] = new JsonObject { ["_id"] = (string)visitor["_id"]!, ["username"] = (string)visitor["username"]!, ["name"] = "Visitor" },
            ["file"] = new JsonObject { ["_id"] = fileId, ["name"] = name, ["type"] = "image/png" },
            ["files"] = new JsonArray(new JsonObject { ["_id"] = fileId, ["name"] = name, ["type"] = "image/png", ["size"] = 48213 }),
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["title"] = name,
                ["title_link"] = $"/file-upload/{fileId}/{Uri.EscapeDataString(name)}",
                ["image_url"] = $"/file-upload/{fileId}/{Uri.EscapeDataString(name)}",
                ["image_type"] = "image/png",
                ["image_size"] = 48213,
                ["type"] = "file",
            }),
            ["_updatedAt"] = Iso(at),
        });
    }

    private RocketMessage SystemMessage(string roomId, DateTimeOffset at, (string Id, string Username, string Name) agent, string type, string text = "") =>
        new(at, new JsonObject
        {
            ["_id"] = ids.MeteorId(),
            ["rid"] = roomId,
            ["msg"] = text == "" ? agent.Username : text,
            ["t"] = type,
            ["ts"] = Iso(at),
            ["u"] = new JsonObject { ["_id"] = agent.Id, ["username"] = agent.Username, ["name"] = agent.Name },
            ["groupable"] = false,
            ["_updatedAt"] = Iso(at),
        });

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
