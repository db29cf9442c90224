using System.Collections.Concurrent;
using ChatHistory.Diagnostics;

namespace ChatHistory.Engine;

/// <summary>
/// Runs async work off the calling thread while every output action (WriteObject, WriteError,
/// WriteVerbose, WriteProgress) runs on the calling thread, which PowerShell requires. When the
/// caller stops early (Ctrl+C, Select-Object -First) the work is cancelled and awaited.
/// </summary>
public sealed class PipelineBridge : IChatLog, IDisposable
{
    // Bounded, so that a fast producer waits for a slow pipeline instead of filling memory.
    private readonly BlockingCollection<Action> actions = new(boundedCapacity: 1024);
    private readonly Action<string> verbose;
    private readonly Action<string> warning;
    private CancellationToken workToken;

    public PipelineBridge(Action<string> verbose, Action<string> warning)
    {
        this.verbose = verbose;
        this.warning = warning;
    }

    /// <summary>Queues an action to run on the calling thread.</summary>
    public void Post(Action action)
    {
        try
        {
            actions.Add(action, workToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException)
        {
            // The run has ended; a late log line has nowhere to go.
        }
    }

    void IChatLog.Verbose(string message) => Post(() => verbose(message));

    void IChatLog.Warning(string message) => Post(() => warning(message));

    /// <summary>
    /// Runs <paramref name="work"/> and pumps its actions on this thread until it ends. Exceptions
    /// from the work or from an action are rethrown here after the work has stopped.
    /// </summary>
    public void Run(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        workToken = cancel.Token;
        var task = Task.Run(
            async () =>
            {
                using (ChatLog.Use(this))
                {
                    await work(cancel.Token).ConfigureAwait(false);
                }
            },
            CancellationToken.None);
        task.ContinueWith(_ => actions.CompleteAdding(), TaskScheduler.Default);

        try
        {
            foreach (var action in actions.GetConsumingEnumerable())
            {
                action();
            }
        }
        finally
        {
            // Reached early when an action threw (the pipeline is stopping): stop the work first.
            cancel.Cancel();
            try
            {
                task.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Reported below when the pump ended normally; superseded by the action's exception otherwise.
            }
        }

        task.GetAwaiter().GetResult();
    }

    public void Dispose() => actions.Dispose();
}
