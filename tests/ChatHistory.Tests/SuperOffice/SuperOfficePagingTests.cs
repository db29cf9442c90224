using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.SuperOffice;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.SuperOffice;

/// <summary>Archives that page differently from what the client asks for.</summary>
public class SuperOfficePagingTests
{
    [Fact]
    public async Task AServerCappingTopStillHandsOverEverythingThroughNextLinks()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { SuperOffice = new SuperOfficeOptions { MaxTop = 10 } });
        using var connection = await Connect.SuperOfficeAsync(host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 500 }, CancellationToken.None).ToListAsync();

        Assert.Equal(45, sessions.Count);
        Assert.Equal(45, sessions.Select(s => s.SessionId).Distinct().Count());
        var pages = host.State.SuperOffice.SeenRequests.Where(r => r.Path.EndsWith("/ChatSession")).ToList();
        Assert.Equal(["0", "10", "20", "30", "40"], pages.Select(p => p.Query["$skip"]));
    }

    [Fact]
    public async Task AServerWithoutNextLinksIsPagedBySkip()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { SuperOffice = new SuperOfficeOptions { NextLinks = false } });
        using var connection = await Connect.SuperOfficeAsync(host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 15 }, CancellationToken.None).ToListAsync();

        Assert.Equal(45, sessions.Count);
        var pages = host.State.SuperOffice.SeenRequests.Where(r => r.Path.EndsWith("/ChatSession")).ToList();
        // Without links the client pages by $skip until a page brings nothing new.
        Assert.Equal(["0", "15", "30", "45"], pages.Select(p => p.Query["$skip"]));
    }

    [Fact]
    public async Task AServerCappingTopWithoutNextLinksIsStillReadToTheEnd()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { SuperOffice = new SuperOfficeOptions { NextLinks = false, MaxTop = 10 } });
        using var connection = await Connect.SuperOfficeAsync(host);

        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 25 }, CancellationToken.None).ToListAsync();

        Assert.Equal(host.State.SuperOffice.Data.Sessions.Select(s => s.Id.ToString()), sessions.Select(s => s.SessionId));
        var pages = host.State.SuperOffice.SeenRequests.Where(r => r.Path.EndsWith("/ChatSession")).ToList();
        Assert.Equal(["0", "10", "20", "30", "40", "45"], pages.Select(p => p.Query["$skip"]));
    }

    [Fact]
    public async Task PageSizeIsClampedToTheProvidersMaximum()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.SuperOfficeAsync(host);

        await connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 100_000 }, CancellationToken.None).ToListAsync();

        var pages = host.State.SuperOffice.SeenRequests.Where(r => r.Path.EndsWith("/ChatSession")).ToList();
        Assert.All(pages, p => Assert.Equal("500", p.Query["$top"]));
        // Everything fitted in one page and no link came: one more $skip shows that nothing is left.
        Assert.Equal(["0", "45"], pages.Select(p => p.Query["$skip"]));
    }
}
