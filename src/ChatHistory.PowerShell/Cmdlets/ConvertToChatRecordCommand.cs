using System.Management.Automation;
using ChatHistory.Export;
using ChatHistory.Model;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// ConvertTo-ChatRecord: sessions and messages as flat rows of text for Export-Csv, the same
/// columns for every platform (see <see cref="FlatRecord"/>). The typed objects stay what the
/// Get- cmdlets write, so that Where-Object and Sort-Object work on real dates and enums first.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "ChatRecord")]
[OutputType(typeof(PSObject))]
public sealed class ConvertToChatRecordCommand : PSCmdlet
{
    /// <summary>A ChatSession or ChatMessage from Get-ChatSession or Get-ChatMessage.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Adds the platform's original JSON as a Raw column.</summary>
    [Parameter]
    public SwitchParameter IncludeRaw { get; set; }

    protected override void ProcessRecord()
    {
        var (row, typeName) = InputObject!.BaseObject switch
        {
            ChatMessage message => (FlatRecord.Of(message, IncludeRaw), "ChatHistory.ChatMessageRecord"),
            ChatSession session => (FlatRecord.Of(session, IncludeRaw), "ChatHistory.ChatSessionRecord"),
            _ => (null, null),
        };
        if (row is null)
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"ConvertTo-ChatRecord takes the sessions and messages of Get-ChatSession and Get-ChatMessage, not {InputObject.BaseObject.GetType().FullName}."),
                "ChatHistory.InvalidArgument",
                ErrorCategory.InvalidArgument,
                InputObject));
            return;
        }

        var record = new PSObject();
        record.TypeNames.Insert(0, typeName!);
        foreach (var (name, value) in row)
        {
            record.Properties.Add(new PSNoteProperty(name, value));
        }

        WriteObject(record);
    }
}
