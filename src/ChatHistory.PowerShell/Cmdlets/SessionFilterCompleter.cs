using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ChatHistory.Completion;
using ChatHistory.Connections;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// Completes a Get-ChatSession filter with the values the platform lists, through the connection
/// the command line names with -Connection (else the default one). The lookup has a short timeout
/// and is kept per connection for a minute (<see cref="CompletionLookup"/>); anything that goes wrong
/// completes nothing, because a completer must never throw or hang the prompt.
/// </summary>
public abstract class SessionFilterCompleter : IArgumentCompleter
{
    protected abstract CompletionField Field { get; }

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var named = fakeBoundParameters.Contains("Connection") ? fakeBoundParameters["Connection"] : null;
            var connection = ChatConnections.Resolve(named is PSObject wrapped ? wrapped.BaseObject : named);
            return CompletionLookup.Matching(CompletionLookup.Values(connection, Field), wordToComplete)
                .Select(value => new CompletionResult(
                    Quoted(value.Value),
                    value.Description is null ? value.Value : $"{value.Value} ({value.Description})",
                    CompletionResultType.ParameterValue,
                    value.Description ?? value.Value))
                .ToList();
        }
        catch (Exception)
        {
            return [];
        }
    }

    private static string Quoted(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || "'\"`$(){}[]@,;|&<>#".Contains(c)) ? $"'{value.Replace("'", "''")}'" : value;
}

/// <summary>-Channel: departments (Rocket.Chat), open lines (Bitrix24), chat topics (SuperOffice).</summary>
public sealed class ChannelCompleter : SessionFilterCompleter
{
    protected override CompletionField Field => CompletionField.Channel;
}

/// <summary>-Agent: agents (Rocket.Chat user names), open line operators (Bitrix24), chat users (SuperOffice).</summary>
public sealed class AgentCompleter : SessionFilterCompleter
{
    protected override CompletionField Field => CompletionField.Agent;
}

/// <summary>-Tag: livechat tags (Rocket.Chat Enterprise); the other platforms have no tags.</summary>
public sealed class TagCompleter : SessionFilterCompleter
{
    protected override CompletionField Field => CompletionField.Tag;
}
