using System.Collections.Concurrent;
using ChatHistory.Diagnostics;

namespace ChatHistory.Engine;

/// <summary>
/// Runs async work off the pipeline thread while every output action (WriteObject, WriteError,
/// WriteVerbose, WriteProgress) runs on the pipeline thread, which PowerShell requires. When the
/// pipeline stops early (Ctrl+C, Select-Object -First, an error) the work is cancelled and awaited.
/// </summary>
public sealed class PipelineBridge : IChatLog, IDisposable
{
    // Bounded, so that a fast producer waits for a slow pipeline instead of filling memory.
    private readonly BlockingCollection<Action> actions = new(boundedCapacity: 1024);
    private readonly Action<string> verbose;
    private readonly Action<string> warning;
    private CancellationTokenSource? cancel;
    private Task? work;

    public PipelineBridge(Action<string> verbose, Action<string> warning)
    {
        this.verbose = verbose;
        this.warning = warning;
    }

    /// <summary>Queues an action to run on the pipeline thread; waits while the queue is full.</summary>
    public void Post(Action action)
    {
        try
        {
            actions.Add(action, cancel?.Token ?? CancellationToken.None);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException)
        {
            // The run has ended; a late log line has nowhere to go.
        }
    }

    void IChatLog.Verbose(string message) => Post(() => verbose(message));

    void IChatLog.Warning(string message) => Post(() => warning(message));

    /// <summary>Starts the work on the thread pool, with this bridge as its log.</summary>
    public void Start(Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        if (work is not null)
        {
            throw new InvalidOperationException("The bridge runs one piece of work.");
        }

        cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cancel.Token;
        work = Task.Run(
            async () =>
            {
                using (ChatLog.Use(this))
                {
                    await body(token).ConfigureAwait(false);
                }
            },
            CancellationToken.None);
        work.ContinueWith(_ => actions.CompleteAdding(), TaskScheduler.Default);
    }

    /// <summary>Runs the actions queued so far without waiting for more.</summary>
    public void PumpAvailable()
    {
        try
        {
            while (actions.TryTake(out var action))
            {
                action();
            }
        }
        catch
        {
            // A downstream command threw or ended the pipeline (Select-Object -First): no more requests.
            StopWork();
            throw;
        }
    }

    /// <summary>Runs actions until the work has ended, then rethrows the work's exception if any.</summary>
    public void Finish()
    {
        if (work is null)
        {
            return;
        }

        try
        {
            foreach (var action in actions.GetConsumingEnumerable())
            {
                action();
            }
        }
        catch
        {
            // An action threw (the pipeline is stopping): stop the work before letting it through.
            StopWork();
            throw;
        }

        work.GetAwaiter().GetResult();
    }

    /// <summary>Starts the work and pumps its actions on this thread until it ends.</summary>
    public void Run(Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        Start(body, cancellationToken);
        Finish();
    }

    public void Dispose()
    {
        StopWork();
        cancel?.Dispose();
        actions.Dispose();
    }

    private void StopWork()
    {
        if (work is null || work.IsCompleted)
        {
            return;
        }

        cancel!.Cancel();
        try
        {
            work.Wait(CancellationToken.None);
        }
        catch (AggregateException)
        {
            // The work's own failure is moot once the pipeline has stopped.
        }
    }
}
