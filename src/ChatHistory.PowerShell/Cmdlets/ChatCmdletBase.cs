using System.Management.Automation;
using ChatHistory.Engine;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>
/// The one place where async Core code meets the pipeline: a token that StopProcessing cancels, and
/// a bridge that runs the work off-thread while every Write* happens on the pipeline thread.
/// </summary>
public abstract class ChatCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    protected CancellationToken StopToken => stopping.Token;

    /// <summary>Starts work whose output is pumped by <see cref="PumpAvailable"/> and <see cref="FinishWork"/>.</summary>
    protected PipelineBridge StartWork(Func<PipelineBridge, CancellationToken, Task> work)
    {
        var bridge = new PipelineBridge(WriteVerbose, WriteWarning);
        bridge.Start(token => work(bridge, token), StopToken);
        return bridge;
    }

    /// <summary>Writes what the work has produced so far, without waiting.</summary>
    protected void PumpAvailable(PipelineBridge bridge) => Translate(bridge.PumpAvailable);

    /// <summary>Writes everything the work produces until it ends; failures become terminating errors.</summary>
    protected void FinishWork(PipelineBridge bridge)
    {
        try
        {
            Translate(bridge.Finish);
        }
        finally
        {
            bridge.Dispose();
        }
    }

    /// <summary>Runs work to its end, writing its output on this thread.</summary>
    protected void RunWork(Func<PipelineBridge, CancellationToken, Task> work) => FinishWork(StartWork(work));

    protected void WriteChatError(ChatHistoryException error) => WriteError(ErrorRecords.From(error));

    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>
    /// PowerShell disposes every command of a pipeline however it ends, also when it skips
    /// EndProcessing (stopped, or an upstream command threw).
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            stopping.Dispose();
        }
    }

    private void Translate(Action pump)
    {
        try
        {
            pump();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (ChatHistoryException error)
        {
            ThrowTerminatingError(ErrorRecords.From(error));
        }
    }
}
