using System.Text;

namespace ChatHistory.HelpBuilder;

/// <summary>
/// Reads the help markdown: "## SYNOPSIS", "## DESCRIPTION", "## EXAMPLES" with "### Example N: title"
/// and a fenced code block, "## PARAMETERS" with "### -Name", "## INPUTS" / "## OUTPUTS" with
/// "### Type", "## NOTES", "## RELATED LINKS" with list items. Paragraphs are separated by blank lines.
/// </summary>
public static class MarkdownHelpReader
{
    public static HelpDocument Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var document = new HelpDocument { Name = Path.GetFileNameWithoutExtension(path) };
        string? section = null;
        string? subsection = null;
        var paragraph = new StringBuilder();
        HelpExample? example = null;
        StringBuilder? code = null;

        void EndParagraph()
        {
            if (paragraph.Length == 0)
            {
                return;
            }

            var text = paragraph.ToString().Trim();
            paragraph.Clear();
            switch (section)
            {
                case "SYNOPSIS": document.Synopsis = (document.Synopsis + " " + text).Trim(); break;
                case "DESCRIPTION": document.Description.Add(text); break;
                case "EXAMPLES" when example is not null: example.Remarks.Add(text); break;
                case "PARAMETERS" when subsection is not null: document.Parameters[subsection].Add(text); break;
                case "INPUTS" when subsection is not null: document.Inputs.Add((subsection, text)); break;
                case "OUTPUTS" when subsection is not null: document.Outputs.Add((subsection, text)); break;
                case "NOTES": document.Notes.Add(text); break;
            }
        }

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (code is not null)
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    example = example! with { Code = code.ToString().TrimEnd() };
                    document.Examples[^1] = example;
                    code = null;
                }
                else
                {
                    code.AppendLine(raw);
                }

                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                EndParagraph();
                section = line[3..].Trim().ToUpperInvariant();
                subsection = null;
                example = null;
                continue;
            }

            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                EndParagraph();
                subsection = line[4..].Trim();
                if (section == "EXAMPLES")
                {
                    example = new HelpExample(subsection, string.Empty, []);
                    document.Examples.Add(example);
                }
                else if (section == "PARAMETERS")
                {
                    subsection = subsection.TrimStart('-');
                    document.Parameters[subsection] = [];
                }

                continue;
            }

            if (line.StartsWith("```", StringComparison.Ordinal) && section == "EXAMPLES" && example is not null)
            {
                EndParagraph();
                code = new StringBuilder();
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            if (section == "RELATED LINKS" && line.StartsWith("- ", StringComparison.Ordinal))
            {
                document.RelatedLinks.Add(line[2..].Trim());
                continue;
            }

            if (line.Length == 0)
            {
                EndParagraph();
            }
            else
            {
                paragraph.Append(paragraph.Length == 0 ? string.Empty : " ").Append(line.Trim());
            }
        }

        EndParagraph();
        return document;
    }
}
