namespace ChatHistory.HelpBuilder;

/// <summary>What every cmdlet's help must have; the build fails on any gap.</summary>
public static class HelpValidator
{
    public const int MinimumExamples = 2;

    public static IEnumerable<string> Problems(CmdletMetadata cmdlet, HelpDocument? help)
    {
        if (help is null)
        {
            yield return $"{cmdlet.Name}: no docs/help/{cmdlet.Name}.md";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(help.Synopsis))
        {
            yield return $"{cmdlet.Name}: no SYNOPSIS";
        }

        if (help.Description.Count == 0)
        {
            yield return $"{cmdlet.Name}: no DESCRIPTION";
        }

        if (help.Examples.Count < MinimumExamples)
        {
            yield return $"{cmdlet.Name}: {help.Examples.Count} examples, at least {MinimumExamples} wanted";
        }

        foreach (var example in help.Examples.Where(e => string.IsNullOrWhiteSpace(e.Code)))
        {
            yield return $"{cmdlet.Name}: example '{example.Title}' has no code block";
        }

        foreach (var parameter in cmdlet.Parameters)
        {
            if (!help.Parameters.TryGetValue(parameter.Name, out var text) || text.Count == 0)
            {
                yield return $"{cmdlet.Name}: parameter -{parameter.Name} is not described";
            }
        }

        foreach (var described in help.Parameters.Keys.Where(k => cmdlet.Parameters.All(p => !p.Name.Equals(k, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"{cmdlet.Name}: describes -{described}, which the cmdlet does not have";
        }
    }
}
