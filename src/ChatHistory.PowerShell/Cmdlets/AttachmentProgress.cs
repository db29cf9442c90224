using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>Write-Progress for Save-ChatAttachment: files saved, bytes so far, and the file now arriving.</summary>
internal sealed class AttachmentProgress(string folder)
{
    private const int ActivityId = 0x4341; // "CA"
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch sinceUpdate = Stopwatch.StartNew();
    private int files;
    private long bytesBefore;

    public ProgressRecord Starting(string name) => Record(name, 0);

    /// <summary>A record when an update is due while <paramref name="name"/> arrives.</summary>
    public ProgressRecord? Arriving(string name, long bytes)
    {
        if (sinceUpdate.Elapsed < Interval)
        {
            return null;
        }

        sinceUpdate.Restart();
        return Record(name, bytes);
    }

    public void Saved(long bytes)
    {
        files++;
        bytesBefore += bytes;
    }

    public ProgressRecord Completed() =>
        new(ActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed };

    private string Activity => $"Saving chat attachments to {folder}";

    private ProgressRecord Record(string name, long bytes) =>
        new(ActivityId, Activity, string.Create(CultureInfo.CurrentCulture, $"{files} files, {Size(bytesBefore + bytes)} saved; now {name} ({Size(bytes)})"));

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
