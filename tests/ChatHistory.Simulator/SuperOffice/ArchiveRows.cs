using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatHistory.Simulator.SuperOffice;

/// <summary>
/// The ChatSession archive provider's columns: typed values to filter and sort on, rendered as the
/// archive writes them. Every one is in the vendor's column reference (SuperOfficeDocs
/// docs/en/api/archive-providers/reference/chatsession.md); the simulator serves this subset and,
/// like the archive, refuses any other name.
/// </summary>
public static class ArchiveRows
{
    public static readonly string[] Columns =
    [
        "chatSessionId", "whenRequested", "whenStarted", "whenEnded", "duration", "timeInQueue", "queueLength", "rating",
        "status", "agent", "associateId", "chatTopic/chatTopicId", "chatTopic/name", "person/personId", "personId",
        "person/fullName", "contactId", "firstMessage", "lastMessage",
    ];

    public static IReadOnlyDictionary<string, object?> Values(SuperOfficeSession session)
    {
        var first = session.Messages.FirstOrDefault(m => m.Type == SuperOfficeData.ToUser);
        var last = session.Messages.LastOrDefault();
        return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["chatSessionId"] = session.Id,
            ["whenRequested"] = session.WhenRequested,
            ["whenStarted"] = session.WhenStarted,
            ["whenEnded"] = session.WhenEnded,
            ["duration"] = session.WhenEnded is { } end
                ? (end - (session.WhenStarted ?? session.WhenRequested)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
                : string.Empty,
            ["timeInQueue"] = ((session.WhenStarted ?? session.WhenEnded ?? session.WhenRequested) - session.WhenRequested)
                .ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            ["queueLength"] = session.Id % 3,
            ["rating"] = session.Rating,
            ["status"] = session.Status,
            ["agent"] = session.Agent?.Name ?? string.Empty,
            // [guess] the archive's rendering of an associate column: its id, 0 when there is none.
            ["associateId"] = session.Agent?.Id ?? 0,
            ["chatTopic/chatTopicId"] = session.Topic.Id,
            ["chatTopic/name"] = session.Topic.Name,
            ["person/personId"] = session.Person.Id,
            ["personId"] = session.Person.Id,
            ["person/fullName"] = session.Person.FullName,
            ["contactId"] = session.Person.ContactId,
            ["firstMessage"] = first?.Message ?? string.Empty,
            ["lastMessage"] = last?.Message ?? string.Empty,
        };
    }

    /// <summary>One row of an OData answer: the primary key and entity name, then the selected columns.</summary>
    public static JsonObject Render(IReadOnlyDictionary<string, object?> values, IReadOnlyList<string> select, ResponseZone zone)
    {
        var row = new JsonObject
        {
            ["PrimaryKey"] = (int)values["chatSessionId"]!,
            ["EntityName"] = "chatSession",
        };
        foreach (var column in select.Where(values.ContainsKey))
        {
            row[column] = values[column] switch
            {
                DateTimeOffset at => zone.Archive(at),
                null => string.Empty,
                int number => number,
                var other => Convert.ToString(other, CultureInfo.InvariantCulture),
            };
        }

        return row;
    }
}
