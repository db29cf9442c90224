using System.Text.Json;
using ChatHistory.Archive;
using ChatHistory.Connections;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Archive;

/// <summary>One connection archived against the simulator: every message once, nothing on a rerun, errors counted.</summary>
public sealed class ArchiveRunTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("chathistory-run-").FullName;

    [Fact]
    public async Task ArchivesEveryMessageOnceAndARerunWritesNothing()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var expected = RocketChatExpected.Rooms(host).SelectMany(r => RocketChatExpected.VisibleMessageIds(host, r)).ToList();

        var first = await RunAsync(connection, new ChatSessionQuery());
        var second = await RunAsync(connection, new ChatSessionQuery());

        Assert.Equal(expected.Order(StringComparer.Ordinal), ArchivedIds().Order(StringComparer.Ordinal));
        Assert.Equal((expected.Count, 0L), (first.Messages, first.Errors));
        Assert.Equal(RocketChatExpected.Rooms(host).Count, first.Sessions);
        Assert.Equal((0L, 0L, 0L), (second.Messages, second.Parts, second.Bytes));
        Assert.Equal(RocketChatExpected.Rooms(host).Count, second.Sessions);
    }

    [Fact]
    public async Task NewMessagesOfAnArchivedSessionGoIntoANewPart()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var room = RocketChatExpected.RoomWithAtLeast(host, 3);
        await RunAsync(connection, new ChatSessionQuery { SessionIds = [room.Id] });
        host.State.RocketChat.Data.AppendVisitorMessage(room);

        var second = await RunAsync(connection, new ChatSessionQuery { SessionIds = [room.Id] });

        Assert.Equal(1, second.Messages);
        var parts = Directory.EnumerateFiles(root, room.Id + ".*.jsonl", SearchOption.AllDirectories).Select(Path.GetFileName).Order().ToList();
        Assert.Equal([room.Id + ".0001.jsonl", room.Id + ".0002.jsonl"], parts);
        Assert.Equal(RocketChatExpected.VisibleMessageIds(host, room), ArchivedIds());
    }

    [Fact]
    public async Task AFailedSessionIsReportedAndTheOthersAreArchived()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var rooms = RocketChatExpected.Rooms(host).Take(2).Select(r => r.Id).ToList();
        var errors = new List<ChatHistoryException>();

        var summary = await RunAsync(connection, new ChatSessionQuery { SessionIds = [rooms[0], "NoSuchRoom0000001", rooms[1]] }, errors);

        Assert.Equal(1, summary.Errors);
        Assert.Equal("NoSuchRoom0000001", Assert.Single(errors).SessionId);
        Assert.Equal(rooms.SelectMany(id => RocketChatExpected.VisibleMessageIds(host, host.State.RocketChat.Data.Find(id)!)), ArchivedIds());
    }

    [Theory]
    [InlineData(1, true)] // a commit at every session boundary
    [InlineData(1000, false)] // nothing committed before the stop
    public async Task AStoppedRunKeepsOnlyWhatItCommittedAndTheNextRunCompletesIt(int maxOpenParts, bool expectParts)
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var expected = RocketChatExpected.Rooms(host).SelectMany(r => RocketChatExpected.VisibleMessageIds(host, r)).ToList();
        using var stop = new CancellationTokenSource();
        var written = 0;
        var options = new ArchiveOptions { ThrottleLimit = 1, CommitInterval = TimeSpan.FromHours(1), MaxOpenParts = maxOpenParts };
        using (var archive = ArchiveFolder.Open(root))
        {
            var run = new ArchiveRun(archive, connection, options, new ChatArchiveSummary())
            {
                Written = _ =>
                {
                    if (++written == expected.Count / 2)
                    {
                        stop.Cancel();
                    }
                },
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.RunAsync(new ChatSessionQuery(), stop.Token));
        }

        Assert.Empty(Directory.EnumerateFiles(root, "*.tmp", SearchOption.AllDirectories));
        var kept = ArchivedIds();
        Assert.Equal(expectParts, kept.Count > 0);
        Assert.True(kept.Count < expected.Count);

        var next = await RunAsync(connection, new ChatSessionQuery());

        Assert.Equal(expected.Order(StringComparer.Ordinal), ArchivedIds().Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count - kept.Count, next.Messages);
    }

    [Fact]
    public async Task TheIndexOnDiskKeepsUpWithEachCommitSoThatAKilledRunLosesNoRow()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var expected = RocketChatExpected.Rooms(host).Sum(r => RocketChatExpected.VisibleMessageIds(host, r).Count());
        var options = new ArchiveOptions { ThrottleLimit = 1, CommitInterval = TimeSpan.FromHours(1), MaxOpenParts = 1 };
        var written = 0;
        var rowsMidway = -1;
        using (var archive = ArchiveFolder.Open(root))
        {
            var run = new ArchiveRun(archive, connection, options, new ChatArchiveSummary())
            {
                Written = _ =>
                {
                    if (++written == expected / 2)
                    {
                        rowsMidway = IndexRows();
                    }
                },
            };
            await run.RunAsync(new ChatSessionQuery(), CancellationToken.None);
        }

        Assert.True(rowsMidway > 0, "halfway through, sessions were committed but sessions.csv had no row for them");
        Assert.True(rowsMidway < IndexRows());
    }

    private int IndexRows()
    {
        var path = Path.Combine(root, ArchiveIndex.FileName);
        return File.Exists(path) ? File.ReadAllLines(path).Length - 1 : 0;
    }

    [Fact]
    public async Task AnArchiveThatCannotBeWrittenEndsTheRunInsteadOfBeingASessionError()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        // A file where the connection's folder should be: no part file can be created.
        var blocked = Path.Combine(root, ArchiveRun.FolderOf(connection));
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        File.WriteAllText(blocked, "in the way");
        var errors = new List<ChatHistoryException>();
        var summary = new ChatArchiveSummary();

        using (var archive = ArchiveFolder.Open(root))
        {
            var run = new ArchiveRun(archive, connection, new ArchiveOptions(), summary) { Failed = errors.Add };
            var failure = await Assert.ThrowsAsync<ChatHistoryException>(() => run.RunAsync(new ChatSessionQuery(), CancellationToken.None));
            Assert.Equal(ChatErrorKind.InvalidArgument, failure.Kind);
            Assert.Contains(root, failure.Message, StringComparison.Ordinal);
        }

        Assert.Empty(errors);
        Assert.Equal(0, summary.Messages);
    }

    [Fact]
    public async Task IncludedAttachmentsAreDownloadedBesideTheirMessagesOnceAndCounted()
    {
        await using var host = await StartAsync();
        using var connection = await Connect.RocketChatAsync(host);
        var options = new ArchiveOptions { IncludeAttachments = true };
        var first = new ChatArchiveSummary();
        using (var archive = ArchiveFolder.Open(root))
        {
            await new ArchiveRun(archive, connection, options, first).RunAsync(new ChatSessionQuery(), CancellationToken.None);
        }

        var second = new ChatArchiveSummary();
        using (var archive = ArchiveFolder.Open(root))
        {
            await new ArchiveRun(archive, connection, options, second).RunAsync(new ChatSessionQuery(), CancellationToken.None);
        }

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => f.Contains(Path.DirectorySeparatorChar + "attachments" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        var withFiles = ArchivedLines().Where(l => l.GetProperty("Attachments").EnumerateArray().Any(a => a.TryGetProperty("Url", out _))).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files.Count, first.Files);
        Assert.Equal(files.Sum(f => new FileInfo(f).Length) + ArchivedBytes(), first.Bytes);
        Assert.Equal(0, first.Errors);
        Assert.Equal((0L, 0L), (second.Files, second.Messages));
        // Each file is in the folder of the message that carries it.
        Assert.All(files, f => Assert.Contains(withFiles, l => f.Contains(Path.Combine("attachments", l.GetProperty("SessionId").GetString()!, l.GetProperty("MessageId").GetString()!), StringComparison.Ordinal)));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private async Task<ChatArchiveSummary> RunAsync(ChatConnection connection, ChatSessionQuery query, List<ChatHistoryException>? errors = null)
    {
        var summary = new ChatArchiveSummary { Path = root };
        using var archive = ArchiveFolder.Open(root);
        var run = new ArchiveRun(archive, connection, new ArchiveOptions { ThrottleLimit = 3 }, summary) { Failed = e => errors?.Add(e) };
        await run.RunAsync(query, CancellationToken.None);
        return summary;
    }

    private List<JsonElement> ArchivedLines() =>
        Directory.EnumerateFiles(root, "*.jsonl", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();

    private long ArchivedBytes() =>
        Directory.EnumerateFiles(root, "*.jsonl", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private List<string> ArchivedIds() => ArchivedLines().Select(l => l.GetProperty("MessageId").GetString()!).ToList();

    private static Task<SimulatorHost> StartAsync() =>
        Simulators.StartAsync(new RocketChatOptions { RoomCount = 10, MaxMessagesPerRoom = 25 });
}
