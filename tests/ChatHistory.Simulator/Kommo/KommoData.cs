using System.Text.Json.Nodes;
using ChatHistory.Simulator.Common;

namespace ChatHistory.Simulator.Kommo;

/// <summary>One amojo conversation: its contact, its customer and agent, and its history oldest first.</summary>
public sealed class KommoConversation
{
    public required string Id { get; init; }

    public required long ContactId { get; init; }

    public required long LinkId { get; init; }

    public required JsonObject Customer { get; init; }

    public required JsonObject Agent { get; init; }

    public List<KommoEntry> Messages { get; } = [];
}

/// <summary>A history entry in amojo's shape (timestamp, msec_timestamp, sender, receiver, message).</summary>
public sealed record KommoEntry(DateTimeOffset At, JsonObject Json)
{
    public string Id => (string)Json["message"]!["id"]!;
}

/// <summary>
/// Deterministic conversations with customers and agents writing every documented message type.
/// The first conversation is empty; the second is long enough for several pages; every 13th
/// message lacks msec_timestamp, as entries written before Kommo added it do.
/// </summary>
public sealed class KommoData
{
    public static readonly DateTimeOffset Epoch = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A contact that exists but has no chat.</summary>
    public const long ContactWithoutChats = 29999;

    private const long FirstContactId = 20000;

    private static readonly string[] Types =
        ["text", "text", "text", "picture", "text", "file", "text", "voice", "video", "audio", "sticker", "location"];

    private readonly object gate = new();
    private readonly SeededIds ids;
    private readonly JsonObject[] agents;
    private int written;
    private int grown;
    private readonly Dictionary<string, int> grownPerConversation = new(StringComparer.Ordinal);

    public KommoData(KommoOptions options)
    {
        ids = new SeededIds(options.Seed);
        agents =
        [
            new JsonObject { ["id"] = Uuid(), ["name"] = "Alice Agent" },
            new JsonObject { ["id"] = Uuid(), ["name"] = "Bob Agent" },
        ];
        for (var i = 0; i < options.ConversationCount; i++)
        {
            Conversations.Add(CreateConversation(i, options));
        }
    }

    public List<KommoConversation> Conversations { get; } = [];

    /// <summary>The files /attachments/{id}/{name} serves on the amojo host.</summary>
    public FileCatalog Files { get; } = new("kommo");

    /// <summary>Where media links point in the generated data; the history endpoint rewrites it to the simulator's own amojo base.</summary>
    public const string VendorMediaBase = "https://amojo.kommo.com/";

    public KommoConversation? Find(string id) => Conversations.FirstOrDefault(c => c.Id == id);

    public IEnumerable<KommoConversation> OfContact(long contactId) => Conversations.Where(c => c.ContactId == contactId);

    /// <summary>The history newest first, as amojo serves it.</summary>
    public IReadOnlyList<KommoEntry> NewestFirst(KommoConversation conversation)
    {
        lock (gate)
        {
            return conversation.Messages.AsEnumerable().Reverse().ToArray();
        }
    }

    /// <summary>The customer writes again (the conversation grows while a client pages through it).</summary>
    public void AppendCustomerMessage(KommoConversation conversation)
    {
        lock (gate)
        {
            var last = conversation.Messages.Count == 0 ? Epoch : conversation.Messages[^1].At;
            conversation.Messages.Add(Entry(conversation, last.AddSeconds(1), fromCustomer: true, "text", $"late message {++grown}"));
            grownPerConversation[conversation.Id] = GrownWhilePaging(conversation) + 1;
        }
    }

    /// <summary>How many messages <see cref="AppendCustomerMessage"/> added to the conversation so far.</summary>
    public int GrownWhilePaging(KommoConversation conversation)
    {
        lock (gate)
        {
            return grownPerConversation.TryGetValue(conversation.Id, out var count) ? count : 0;
        }
    }

    private KommoConversation CreateConversation(int index, KommoOptions options)
    {
        var customerNumber = index + 1;
        var conversation = new KommoConversation
        {
            Id = Uuid(),
            ContactId = FirstContactId + (index % Math.Max(1, options.ContactCount)),
            LinkId = 7000 + index,
            Customer = new JsonObject
            {
                ["id"] = Uuid(),
                ["client_id"] = $"sim-customer-{customerNumber}",
                ["name"] = $"Customer {customerNumber}",
                ["avatar"] = $"https://example.com/avatars/{customerNumber}.png",
                ["phone"] = $"+1555000{customerNumber:0000}",
                ["email"] = $"customer{customerNumber}@example.com",
            },
            Agent = agents[index % agents.Length],
        };

        var count = index switch
        {
            0 => 0,
            1 => options.LongConversationMessages,
            _ => 1 + ids.Random.Next(Math.Max(1, options.MaxMessagesPerConversation)),
        };
        var at = Epoch.AddHours(3 * index);
        for (var m = 0; m < count; m++)
        {
            at = at.AddSeconds(5 + ids.Random.Next(60)).AddMilliseconds(ids.Random.Next(1000));
            var type = Types[m % Types.Length];
            var fromCustomer = type != "text" || m % 2 == 0;
            if (type == "location" && m % 24 == 23)
            {
                type = "contact";
            }

            conversation.Messages.Add(Entry(conversation, at, fromCustomer, type, type == "text" ? ids.Sentence() : ""));
        }

        return conversation;
    }

    private KommoEntry Entry(KommoConversation conversation, DateTimeOffset at, bool fromCustomer, string type, string text)
    {
        var message = new JsonObject { ["id"] = Uuid() };
        if (fromCustomer)
        {
            message["client_id"] = $"sim-msg-{written + 1}";
        }

        message["type"] = type;
        message["text"] = text;
        message["media"] = "";
        message["thumbnail"] = "";
        message["file_name"] = "";
        message["file_size"] = 0;
        AddContent(message, type);

        var json = new JsonObject { ["timestamp"] = at.ToUnixTimeSeconds() };
        // Entries written before Kommo added msec_timestamp have only the seconds.
        if (++written % 13 != 0)
        {
            json["msec_timestamp"] = at.ToUnixTimeMilliseconds();
        }

        json["sender"] = (fromCustomer ? conversation.Customer : conversation.Agent).DeepClone();
        json["receiver"] = (fromCustomer ? conversation.Agent : conversation.Customer).DeepClone();
        json["message"] = message;
        // Without msec_timestamp the entry's instant is the whole second the client will read.
        var instant = json["msec_timestamp"] is null ? DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds()) : at;
        return new KommoEntry(instant, json);
    }

    private void AddContent(JsonObject message, string type)
    {
        var fileId = Uuid();
        (string Name, long Size)? file = type switch
        {
            "picture" => ($"photo-{fileId[..4]}.jpg", 183_204),
            "video" => ($"clip-{fileId[..4]}.mp4", 4_812_330),
            "file" => ($"invoice-{fileId[..4]}.pdf", 52_118),
            "voice" => ($"voice-{fileId[..4]}.ogg", 21_870),
            "audio" => ($"song-{fileId[..4]}.mp3", 3_204_551),
            "sticker" => ($"sticker-{fileId[..4]}.webp", 9_310),
            _ => null,
        };
        if (file is { } media)
        {
            Files.Add(fileId, media.Name, media.Size);
            message["media"] = $"{VendorMediaBase}attachments/{fileId}/{media.Name}";
            message["file_name"] = media.Name;
            message["file_size"] = media.Size;
            if (type is "picture" or "video" or "sticker")
            {
                message["thumbnail"] = $"{VendorMediaBase}attachments/{fileId}/thumb-{media.Name}.jpg";
            }
        }

        if (type == "location")
        {
            message["location"] = new JsonObject { ["lon"] = -73.9857, ["lat"] = 40.7484 };
        }

        if (type == "contact")
        {
            message["contact"] = new JsonObject { ["name"] = "Jane Roe", ["phone"] = "+15550199" };
        }
    }

    private string Uuid()
    {
        var bytes = new byte[16];
        ids.Random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
