using ChatHistory.Diagnostics;
using ChatHistory.Engine;

namespace ChatHistory.Tests.Engine;

/// <summary>Async work off the pipeline thread, every output back on it (PowerShell's rule for Write*).</summary>
public class PipelineBridgeTests
{
    [Fact]
    public void PostedActionsAndLogLinesRunOnTheCallingThreadInOrder()
    {
        var caller = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        var order = new List<string>();
        var workThread = caller;
        using var bridge = new PipelineBridge(line => { threads.Add(Environment.CurrentManagedThreadId); order.Add(line); }, _ => { });

        bridge.Run(
            async token =>
            {
                workThread = Environment.CurrentManagedThreadId;
                for (var i = 0; i < 50; i++)
                {
                    await Task.Yield();
                    var value = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    bridge.Post(() => { threads.Add(Environment.CurrentManagedThreadId); order.Add(value); });
                }

                ChatLog.Current.Verbose("done");
            },
            CancellationToken.None);

        Assert.NotEqual(caller, workThread);
        Assert.Equal(51, threads.Count);
        Assert.All(threads, t => Assert.Equal(caller, t));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("done"), order);
    }

    [Fact]
    public void WorkExceptionIsRethrownAfterItsOutput()
    {
        var ran = new List<string>();
        using var bridge = new PipelineBridge(_ => { }, _ => { });

        var error = Assert.Throws<InvalidOperationException>(() => bridge.Run(
            async token =>
            {
                bridge.Post(() => ran.Add("before"));
                await Task.Yield();
                throw new InvalidOperationException("work failed");
            },
            CancellationToken.None));

        Assert.Equal("work failed", error.Message);
        Assert.Equal(["before"], ran);
    }

    [Fact]
    public void ThrowingActionCancelsTheWorkAndSurfaces()
    {
        var workStopped = false;
        var posted = 0;
        using var bridge = new PipelineBridge(_ => { }, _ => { });

        var error = Assert.Throws<FormatException>(() => bridge.Run(
            async token =>
            {
                try
                {
                    // Bounded, so that a bridge that fails to cancel fails the test instead of hanging it.
                    for (var i = 0; i < 1000; i++)
                    {
                        var n = i;
                        bridge.Post(() =>
                        {
                            if (n == 3)
                            {
                                throw new FormatException("pipeline stopped");
                            }
                        });
                        Interlocked.Increment(ref posted);
                        await Task.Delay(1, token);
                    }
                }
                finally
                {
                    workStopped = token.IsCancellationRequested;
                }
            },
            CancellationToken.None));

        Assert.Equal("pipeline stopped", error.Message);
        Assert.True(workStopped, "the work should have seen its token cancelled and ended before Run returned");
        Assert.True(posted >= 4);
    }

    [Fact]
    public void StoppingTheCallerCancelsTheWork()
    {
        using var stop = new CancellationTokenSource();
        var workCancelled = false;
        using var bridge = new PipelineBridge(_ => { }, _ => { });

        Assert.ThrowsAny<OperationCanceledException>(() => bridge.Run(
            async token =>
            {
                bridge.Post(stop.Cancel);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), token);
                }
                finally
                {
                    workCancelled = token.IsCancellationRequested;
                }
            },
            stop.Token));

        Assert.True(workCancelled);
    }
}
