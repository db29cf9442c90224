using System.Text.Json;
using ChatHistory.Completion;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// Tab completion values from the WebAPI's ChatTopic resource (SuperOfficeDocs
/// docs/api/reference/restful/rest/ChatTopic): -Channel (-Topic) completes the names of the topics
/// the user is a member of (GET ChatTopic/ForCurrentUser: ChatTopicId, Name), and -Agent the ids of
/// the users that can be assigned to chat topics (GET ChatTopic/UserAgents?flat=true, MDO list items:
/// Id, Name, FullName) [guess: the list item's Id is the associate id that the archive's associateId
/// holds]. SuperOffice chat sessions have no tags.
/// </summary>
internal sealed partial class SuperOfficeProvider
{
    public async Task<IReadOnlyList<CompletionValue>> GetCompletionValuesAsync(CompletionField field, CancellationToken cancellationToken)
    {
        if (field == CompletionField.Tag)
        {
            return [];
        }

        var relative = field == CompletionField.Channel ? "ChatTopic/ForCurrentUser" : "ChatTopic/UserAgents?flat=true";
        using var body = await GetAsync(Api(relative), $"the values of -{field}", null, cancellationToken).ConfigureAwait(false);
        if (body.IsEmpty || body.Root.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var values = new List<CompletionValue>();
        foreach (var item in body.Root.EnumerateArray())
        {
            var value = field == CompletionField.Channel
                ? item.Str("Name") is { Length: > 0 } name ? new CompletionValue(name, $"chat topic {item.Str("ChatTopicId")}") : null
                : item.Str("Id") is { } id && item.Bool("Deleted") != true ? new CompletionValue(id, item.Str("FullName") ?? item.Str("Name")) : null;
            if (value is not null)
            {
                values.Add(value);
            }
        }

        return values.DistinctBy(value => value.Value, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
