using System.Management.Automation;
using ChatHistory.Model;
using ChatHistory.Providers;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// The session filters and lookups that Get-ChatSession and Export-ChatHistory share, and the one
/// place that turns them into a <see cref="ChatSessionQuery"/>.
/// </summary>
public abstract class SessionFilterCmdletBase : ConnectedCmdletBase
{
    /// <summary>Sessions started at or after this time (a DateTime or a DateTimeOffset such as StartedAt).</summary>
    [Parameter]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Sessions started before this time (a DateTime or a DateTimeOffset).</summary>
    [Parameter]
    public DateTimeOffset? Until { get; set; }

    [Parameter]
    public ChatSessionStatus Status { get; set; } = ChatSessionStatus.Any;

    /// <summary>Only sessions served by these agents: ids or names, case-insensitive, wildcards allowed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(AgentCompleter))]
    public string[] Agent { get; set; } = [];

    /// <summary>Department (Rocket.Chat), open line (Bitrix24) or chat topic (SuperOffice).</summary>
    [Parameter]
    [Alias("Department", "Topic", "OpenLine")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChannelCompleter))]
    public string? Channel { get; set; }

    /// <summary>Only sessions with one of these tags: case-insensitive, wildcards allowed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[] Tag { get; set; } = [];

    /// <summary>Where the visitor wrote from: widget, telegram, api, ...</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Source { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? VisitorId { get; set; }

    /// <summary>Bitrix24: the dialog's CHAT_ID.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ChatId { get; set; }

    /// <summary>Bitrix24: DIALOG_ID, chat&lt;CHAT_ID&gt;.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DialogId { get; set; }

    /// <summary>Bitrix24: USER_CODE, connector|line|chat|user.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UserCode { get; set; }

    /// <summary>Kommo: a contact whose chats to read (needs an API v4 token on the connection).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ContactId { get; set; }

    /// <summary>Sessions per request on the wire; clamped to the provider's maximum.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    /// <summary>-Since after -Until is a terminating error before any request.</summary>
    protected void RequireWindow()
    {
        try
        {
            QueryArguments.RequireWindow(Since, Until);
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
        }
    }

    protected ChatSessionQuery BuildQuery()
    {
        var lookup = new Dictionary<string, string>();
        AddLookup(lookup, LookupKeys.ChatId, ChatId);
        AddLookup(lookup, LookupKeys.DialogId, DialogId);
        AddLookup(lookup, LookupKeys.UserCode, UserCode);
        AddLookup(lookup, LookupKeys.ContactId, ContactId);
        return new ChatSessionQuery
        {
            Since = Since,
            Until = Until,
            Status = Status,
            AgentIds = Agent,
            Channel = Channel,
            Tags = Tag,
            Source = Source,
            VisitorId = VisitorId,
            PageSize = PageSize,
            Lookup = lookup,
        };
    }

    private static void AddLookup(Dictionary<string, string> lookup, string key, string? value)
    {
        if (value is not null)
        {
            lookup[key] = value;
        }
    }
}
