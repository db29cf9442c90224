using System.Diagnostics;
using System.Globalization;
using ChatHistory.Connections;
using ChatHistory.Engine;
using ChatHistory.Providers;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Security;
using ChatHistory.Simulator.RocketChat;

namespace ChatHistory.Bench.Memory;

/// <summary>
/// The child process of the memory mode: lists the rooms of the Rocket.Chat simulator that the
/// parent process runs, reads them (about 100k messages) <c>passes</c> times over through the
/// module's path, discarding each message, and prints one line with the message count, the time
/// and the peaks. The simulator lives in the parent, so these figures are the client's alone.
/// </summary>
public static class MemoryRead
{
    public static readonly RocketChatOptions Data = new() { RoomCount = 100, MaxMessagesPerRoom = 2300, Seed = 4711 };

    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(int passes, Uri serverUrl)
    {
        using var connection = await ChatConnection.OpenAsync("bench", new RocketChatSettings
        {
            ServerUrl = serverUrl,
            UserId = Data.UserId,
            AuthToken = new Secret(Data.AuthToken),
        }, CancellationToken.None);
        var roomIds = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).Select(s => s.SessionId).ToListAsync();

        var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;

        using var stop = new CancellationTokenSource();
        var peakHeap = heapBefore;
        var peakCommitted = 0L;
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(SampleEvery);
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                peakCommitted = Math.Max(peakCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
            }
        });

        var started = Stopwatch.GetTimestamp();
        var messages = 0L;
        var sessions = Enumerable.Repeat(roomIds, passes).SelectMany(ids => ids).ToAsyncEnumerable();
        var fetcher = new MessageFetcher(connection, 4);
        await foreach (var item in fetcher.FetchAsync(sessions, _ => new ChatMessageQuery { PageSize = 100 }, CancellationToken.None))
        {
            if (item.Error is not null)
            {
                throw item.Error;
            }

            messages++;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await sampler.ContinueWith(_ => { }, TaskScheduler.Default);
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        // What the read left behind, with the connection still open.
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"messages={messages} seconds={elapsed.TotalSeconds:0.0} workingSetBefore={workingSetBefore} peakWorkingSet={process.PeakWorkingSet64} heapBefore={heapBefore} peakHeap={peakHeap} heapAfter={heapAfter} " +
            $"peakCommitted={peakCommitted} jitMethods={System.Runtime.JitInfo.GetCompiledMethodCount()}"));
    }
}
