using System.Management.Automation;
using ChatHistory.Attachments;
using ChatHistory.Connections;
using ChatHistory.Model;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// Save-ChatAttachment: downloads the files of piped messages (or single attachments) into a
/// folder through each message's connection, so that the platform's auth, rate limit and retries
/// apply, and writes a FileInfo per file (-PassThru: the attachment with its LocalPath).
/// </summary>
[Cmdlet(VerbsData.Save, "ChatAttachment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo), typeof(ChatAttachment))]
public sealed class SaveChatAttachmentCommand : ConnectedCmdletBase
{
    private string? folder;
    private bool folderReady;
    private AttachmentProgress? progress;

    /// <summary>The folder the files go to; created when missing.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>A ChatMessage (all its files) or a ChatAttachment from Get-ChatMessage.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Files larger than this many bytes are skipped with a warning.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long? MaximumSize { get; set; }

    /// <summary>Writes the attachment with a LocalPath property instead of a FileInfo.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            folder = FileSystemFolder(Path);
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
        }

        progress = new AttachmentProgress(folder!);
    }

    protected override void ProcessRecord()
    {
        var attachments = AttachmentsOf(InputObject!);
        if (attachments.Count == 0)
        {
            return;
        }

        var connection = ResolveConnection();
        foreach (var attachment in attachments)
        {
            if (!AttachmentUrl.IsFile(attachment))
            {
                WriteVerbose($"Skipped '{attachment}' of message {attachment.MessageId}: a {attachment.Kind ?? "link"} without a file to download.");
                continue;
            }

            if (!ShouldProcess($"'{attachment}' of message {attachment.MessageId}", $"Save to {folder}"))
            {
                continue;
            }

            PrepareFolder();
            Save(connection, attachment);
        }
    }

    protected override void EndProcessing()
    {
        if (folderReady)
        {
            WriteProgress(progress!.Completed());
        }
    }

    private void Save(ChatConnection connection, ChatAttachment attachment)
    {
        var name = attachment.ToString();
        WriteProgress(progress!.Starting(name));
        RunWork(async (bridge, token) =>
        {
            var bytes = new Progress(count =>
            {
                if (progress.Arriving(name, count) is { } record)
                {
                    bridge.Post(() => WriteProgress(record));
                }
            });
            SavedAttachment saved;
            try
            {
                saved = await AttachmentDownloader.SaveAsync(connection, attachment, folder!, MaximumSize, token, bytes).ConfigureAwait(false);
            }
            catch (ChatHistoryException error)
            {
                bridge.Post(() => WriteError(ForAttachment(error, attachment)));
                return;
            }

            bridge.Post(() => Emit(saved));
        });
    }

    private void Emit(SavedAttachment saved)
    {
        if (!saved.Saved)
        {
            WriteWarning(saved.SkipMessage);
            return;
        }

        progress!.Saved(saved.Bytes);
        if (PassThru)
        {
            var wrapped = PSObject.AsPSObject(saved.Attachment);
            wrapped.Properties.Remove("LocalPath");
            wrapped.Properties.Add(new PSNoteProperty("LocalPath", saved.Path));
            WriteObject(wrapped);
        }
        else
        {
            WriteObject(InvokeProvider.Item.Get([saved.Path!], force: true, literalPath: true), enumerateCollection: true);
        }
    }

    /// <summary>Messages give all their attachments; anything else is a non-terminating error.</summary>
    private List<ChatAttachment> AttachmentsOf(PSObject input)
    {
        switch (input.BaseObject)
        {
            case ChatMessage message:
                return [.. message.Attachments];
            case ChatAttachment attachment:
                return [attachment];
            default:
                WriteError(new ErrorRecord(
                    new ArgumentException($"Save-ChatAttachment takes the messages of Get-ChatMessage or their Attachments, not {input.BaseObject.GetType().FullName}."),
                    "ChatHistory.InvalidArgument",
                    ErrorCategory.InvalidArgument,
                    input));
                return [];
        }
    }

    /// <summary>The error of one file, with the attachment as its target so that a script can tell which failed.</summary>
    private static ErrorRecord ForAttachment(ChatHistoryException error, ChatAttachment attachment)
    {
        var fromCore = ErrorRecords.From(error);
        var record = new ErrorRecord(error, error.ErrorId, fromCore.CategoryInfo.Category, attachment)
        {
            ErrorDetails = fromCore.ErrorDetails,
        };
        return record;
    }

    /// <summary>Created only when the first file is really saved, so that -WhatIf leaves the disk as it was.</summary>
    private void PrepareFolder()
    {
        if (folderReady)
        {
            return;
        }

        try
        {
            AttachmentFolder.Prepare(folder!);
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(new ErrorRecord(error, error.ErrorId, ErrorCategory.WriteError, Path) { ErrorDetails = ErrorRecords.From(error).ErrorDetails });
        }

        folderReady = true;
    }

    /// <summary>-Path as a file-system folder; a file, or another drive (Env:, HKLM:), is refused before any request.</summary>
    private string FileSystemFolder(string path)
    {
        var resolved = FileSystemPaths.Resolve(SessionState, path, Refused);
        if (File.Exists(resolved))
        {
            throw Refused(path, "it is a file, not a folder");
        }

        return resolved;
    }

    private static ChatHistoryException Refused(string path, string why) =>
        new(ChatErrorKind.InvalidArgument, $"-Path '{path}' cannot hold the attachments: {why}.")
        {
            Hint = "Give -Path a folder on a file-system drive (it is created when missing).",
        };

    /// <summary>Reports on the thread that writes, without the SynchronizationContext Progress&lt;T&gt; would capture.</summary>
    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
