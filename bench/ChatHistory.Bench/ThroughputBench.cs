using System.Runtime;
using ChatHistory.Connections;
using ChatHistory.Http;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;

namespace ChatHistory.Bench;

/// <summary>
/// Reads every message of the simulated Rocket.Chat through the full pipeline and through a plain
/// HttpClient baseline and prints the medians with their ratios. Rows run interleaved, round after
/// round, so that JIT tiering and the noise of a shared machine fall on every row alike.
/// </summary>
public static class ThroughputBench
{
    private const int PageSize = 100;
    private const int WarmUpRounds = 2;
    private const int Rounds = 21;

    // Burst is so large that the limiter never makes a request wait, so the rows measure the
    // pipeline's own cost, not a chosen request rate.
    private static readonly HttpPolicy BenchPolicy = new() { RequestsPerSecond = 1, Burst = int.MaxValue, MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10) };

    public static async Task RunAsync()
    {
        var options = new RocketChatOptions { RoomCount = 150, MaxMessagesPerRoom = 200, Seed = 4711 };
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { RocketChat = options });
        var apiRoot = new Uri(host.RocketChatUrl);
        var roomIds = host.State.RocketChat.Data.Rooms.Select(r => r.Id).ToList();

        using var plain = new HttpClient(new SocketsHttpHandler());
        plain.DefaultRequestHeaders.Add("X-User-Id", options.UserId);
        plain.DefaultRequestHeaders.Add("X-Auth-Token", options.AuthToken);
        var baseline = BaselineReader.Plain(plain, apiRoot, PageSize);

        BenchRead[] reads =
        [
            new("baseline c1", "baseline c1", () => Task.FromResult(new OpenedRead(() => baseline.ReadAllAsync(roomIds, 1)))),
            new("baseline c4", "baseline c4", () => Task.FromResult(new OpenedRead(() => baseline.ReadAllAsync(roomIds, 4)))),
            new("pipeline c1", "baseline c1", () => PipelineAsync((reader, ids) => reader.ReadAllAsync(ids, 1))),
            new("pipeline c4", "baseline c4", () => PipelineAsync((reader, ids) => reader.ReadAllAsync(ids, 4))),
            new("connection only c1", "baseline c1", () => PipelineAsync((reader, ids) => reader.ReadEachDirectlyAsync(ids))),
            new("http chain c1", "baseline c1", () => Task.FromResult(HttpChain())),
        ];

        Console.WriteLine($"ChatHistory bench {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {roomIds.Count} rooms, page size {PageSize}, " +
            $"median of {Rounds} interleaved rounds after {WarmUpRounds} warm-up rounds");

        var runs = reads.ToDictionary(r => r.Name, _ => new List<Measurement>());
        for (var round = 0; round < WarmUpRounds + Rounds; round++)
        {
            foreach (var read in reads)
            {
                using var opened = await read.OpenAsync();
                var measurement = await Measurement.TakeAsync(read.Name, opened.ReadAsync);
                if (round >= WarmUpRounds)
                {
                    runs[read.Name].Add(measurement);
                }
            }
        }

        var medians = runs.ToDictionary(pair => pair.Key, pair => Measurement.Median(pair.Value));
        var expected = medians["baseline c1"].Messages;
        if (runs.Values.SelectMany(r => r).Any(m => m.Messages != expected))
        {
            throw new InvalidOperationException("A read returned a different number of messages than the baseline.");
        }

        ResultTable.Print(
            reads.Select(r => new ResultRow(medians[r.Name], runs[r.Name].Min(m => m.Elapsed), runs[r.Name].Max(m => m.Elapsed), medians[r.Baseline])).ToList(),
            Console.Out);
        Console.WriteLine("Allocations are process-wide and include the in-process simulator's share, the same in every row.");
        Console.WriteLine($"Pipeline's own bytes per message (pipeline minus baseline): " +
            $"c1 {medians["pipeline c1"].BytesPerMessage - medians["baseline c1"].BytesPerMessage:0}, " +
            $"c4 {medians["pipeline c4"].BytesPerMessage - medians["baseline c4"].BytesPerMessage:0}");

        OpenedRead HttpChain()
        {
            var chain = new HttpChainReader(BenchPolicy, apiRoot, options.UserId, options.AuthToken, PageSize);
            return new OpenedRead(() => chain.ReadAllAsync(roomIds), chain);
        }

        async Task<OpenedRead> PipelineAsync(Func<PipelineReader, IReadOnlyList<string>, Task<int>> read)
        {
            var connection = await ChatConnection.OpenAsync("bench", new RocketChatSettings
            {
                ServerUrl = apiRoot,
                UserId = options.UserId,
                AuthToken = new Secret(options.AuthToken),
                Policy = BenchPolicy,
            }, CancellationToken.None);
            var reader = new PipelineReader(connection, PageSize);
            return new OpenedRead(() => read(reader, roomIds), connection);
        }
    }
}
