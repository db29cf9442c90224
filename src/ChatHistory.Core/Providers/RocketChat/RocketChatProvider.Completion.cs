using ChatHistory.Completion;

namespace ChatHistory.Providers.RocketChat;

/// <summary>
/// Tab completion values, from the vendor's livechat REST routes (RocketChat/Rocket.Chat
/// apps/meteor/app/livechat/imports/server/rest/): -Channel is a department id (what livechat/rooms
/// filters on as departmentId) from livechat/department; -Agent a user name (matched against the
/// room's servedBy.username) from livechat/users/agent; -Tag a tag name from livechat/tags, an
/// Enterprise route that a Community server refuses, which then completes nothing.
/// </summary>
internal sealed partial class RocketChatProvider
{
    public async Task<IReadOnlyList<CompletionValue>> GetCompletionValuesAsync(CompletionField field, CancellationToken cancellationToken)
    {
        var (path, array) = field switch
        {
            CompletionField.Channel => ("api/v1/livechat/department", "departments"),
            CompletionField.Agent => ("api/v1/livechat/users/agent", "users"),
            _ => ("api/v1/livechat/tags", "tags"),
        };
        var values = new List<CompletionValue>();
        await foreach (var item in PagedAsync(path, array, MaxPageSize, $"the values of -{field}", cancellationToken).ConfigureAwait(false))
        {
            var value = field switch
            {
                CompletionField.Channel => item.Str("_id") is { } id ? new CompletionValue(id, item.Str("name")) : null,
                CompletionField.Agent => item.Str("username") is { } username ? new CompletionValue(username, Describe(item.Str("name"), item.Str("_id"))) : null,
                _ => item.Str("name") is { } name ? new CompletionValue(name, item.Str("description")) : null,
            };
            if (value is not null)
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static string? Describe(string? name, string? id) =>
        name is null ? id : id is null ? name : $"{name} ({id})";
}
