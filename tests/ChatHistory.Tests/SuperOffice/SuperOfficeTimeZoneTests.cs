using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Providers;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.SuperOffice;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.SuperOffice;

/// <summary>Archive dates carry no offset: where they are read decides the instants.</summary>
public class SuperOfficeTimeZoneTests
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    [Fact]
    public async Task ArchiveTimeZoneReadsAServerInAnotherZoneCorrectly()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { SuperOffice = new SuperOfficeOptions { ServerTimeZone = "Europe/Oslo" } });
        var data = host.State.SuperOffice.Data;

        using var right = await ChatConnection.OpenAsync("so", Settings(host, archiveZone: Oslo), CancellationToken.None);
        using var naive = await Connect.SuperOfficeAsync(host);
        var correct = await right.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["1001"] }, CancellationToken.None).ToListAsync();
        var shifted = await naive.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["1001"] }, CancellationToken.None).ToListAsync();
        var messages = await right.GetMessagesAsync("1001", new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(data.Find(1001)!.WhenRequested, correct[0].StartedAt);
        Assert.Equal(TimeSpan.FromHours(2), correct[0].StartedAt!.Value.Offset);
        // Read as UTC, an Oslo summer time is two hours late.
        Assert.Equal(data.Find(1001)!.WhenRequested.AddHours(2), shifted[0].StartedAt);
        Assert.Equal(data.Find(1001)!.Messages.Select(m => m.WhenPosted), messages.Select(m => m.Timestamp));
    }

    [Fact]
    public async Task ASentTimeZoneWithOffsetsNeedsNoGuess()
    {
        await using var host = await SimulatorHost.StartAsync();
        var log = new RecordingLog();
        List<Model.ChatSession> sessions;
        using (ChatLog.Use(log))
        {
            // "NO" is SuperOffice's code for Norway; this machine cannot map it, but includeTZOffset makes the server write offsets.
            using var connection = await ChatConnection.OpenAsync("so", Settings(host, timeZone: "NO"), CancellationToken.None);
            sessions = await connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync();
        }

        Assert.Equal(host.State.SuperOffice.Data.Sessions.Select(s => s.WhenRequested), sessions.Select(s => s.StartedAt!.Value));
        Assert.All(sessions, s => Assert.Equal(TimeSpan.FromHours(2), s.StartedAt!.Value.Offset));
        Assert.Contains(host.State.SuperOffice.SeenRequests, r => r.Headers["SO-TimeZone"] == "NO, includeTZOffset");
        var warning = Assert.Single(log.Lines, l => l.StartsWith("WARNING:"));
        Assert.Contains("SO-TimeZone 'NO'", warning);
        Assert.Contains("-ArchiveTimeZone", warning);
    }

    [Fact]
    public async Task WithoutOffsetsTheSentZoneIsUsedWhenItIsAZoneName()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { SuperOffice = new SuperOfficeOptions { HonorIncludeOffset = false } });
        var log = new RecordingLog();
        List<Model.ChatSession> sessions;
        List<Model.ChatMessage> messages;
        using (ChatLog.Use(log))
        {
            using var connection = await ChatConnection.OpenAsync("so", Settings(host, timeZone: "Europe/Oslo"), CancellationToken.None);
            sessions = await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["1002"] }, CancellationToken.None).ToListAsync();
            messages = await connection.GetMessagesAsync("1002", new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        }

        var data = host.State.SuperOffice.Data.Find(1002)!;
        Assert.Equal(data.WhenRequested, sessions[0].StartedAt);
        Assert.Equal(data.WhenEnded, sessions[0].EndedAt);
        Assert.Equal(data.Messages.Select(m => m.WhenPosted), messages.Select(m => m.Timestamp));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("WARNING:"));
    }

    [Fact]
    public async Task SinceIsExactWhateverTheArchiveZone()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { SuperOffice = new SuperOfficeOptions { ServerTimeZone = "Europe/Oslo" } });
        using var connection = await ChatConnection.OpenAsync("so", Settings(host, archiveZone: Oslo), CancellationToken.None);
        var since = SuperOfficeData.Epoch.AddHours(43);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { Since = since }, CancellationToken.None).ToListAsync();

        Assert.Equal(host.State.SuperOffice.Data.Sessions.Where(s => s.WhenRequested >= since).Select(s => s.Id.ToString()), sessions.Select(s => s.SessionId));
        Assert.Equal("whenRequested after '2026.06.02'", host.State.SuperOffice.SeenRequests.First(r => r.Path.EndsWith("/ChatSession")).Query["$filter"]);
    }

    private static SuperOfficeSettings Settings(SimulatorHost host, TimeZoneInfo? archiveZone = null, string? timeZone = null)
    {
        var options = host.State.SuperOffice.Options;
        return new SuperOfficeSettings
        {
            TenantUrl = new Uri(host.SuperOfficeUrl),
            UserName = options.UserName,
            Password = new Secret(options.Password),
            ArchiveTimeZone = archiveZone,
            TimeZone = timeZone,
            Policy = Connect.FastPolicy,
        };
    }
}
