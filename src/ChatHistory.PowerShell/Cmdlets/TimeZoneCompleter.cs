using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// Completes -TimeZone and -ArchiveTimeZone with the zone names this machine knows (IANA on Linux
/// and macOS, Windows ids on Windows): a part of the name is enough, Oslo gives Europe/Oslo.
/// </summary>
public sealed class TimeZoneCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var part = wordToComplete.Trim('\'', '"');
        return TimeZoneInfo.GetSystemTimeZones()
            .Where(zone => zone.Id.Contains(part, StringComparison.OrdinalIgnoreCase))
            .OrderBy(zone => zone.Id.StartsWith(part, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(zone => zone.Id, StringComparer.OrdinalIgnoreCase)
            .Select(zone => new CompletionResult(
                zone.Id.Contains(' ') ? $"'{zone.Id}'" : zone.Id, zone.Id, CompletionResultType.ParameterValue, zone.DisplayName));
    }
}
