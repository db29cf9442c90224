using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ChatHistory.Connections;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>Completes -Connection with the names of the connections made in this session.</summary>
public sealed class ConnectionNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = wordToComplete.Trim('\'', '"');
        return ChatConnections.All
            .Where(c => c.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(
                c.Name.Contains(' ') ? $"'{c.Name}'" : c.Name, c.Name, CompletionResultType.ParameterValue, $"{c.Provider} {c.Endpoint}"));
    }
}
