using ChatHistory.Diagnostics;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>The ways a listing reaches every session: crm.activity.list on old portals, date windows past the offset and period caps.</summary>
public class Bitrix24ListingPathTests
{
    [Fact]
    public async Task WithoutTheV2MethodSessionsComeFromCrmActivities()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Bitrix24 = new Bitrix24Options { HasSessionListV2 = false } });
        using var connection = await Connect.Bitrix24Async(host);
        var log = new RecordingLog();
        var data = host.State.Bitrix24.Data;

        List<ChatSession> sessions;
        using (ChatLog.Use(log))
        {
            sessions = await Collect.ToListAsync(connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None));
        }

        Assert.Equal(data.Sessions.Select(s => s.Id.ToString()), sessions.Select(s => s.SessionId));
        var first = sessions[0];
        Assert.Equal(data.Sessions[0].LineId.ToString(), first.Channel);
        Assert.Equal("livechat", first.Source);
        Assert.Equal("450", first.VisitorId);
        Assert.Equal("Closed", first.Status);
        Assert.Contains("\"ASSOCIATED_ENTITY_ID\"", first.Raw);
        Assert.Contains(log.Lines, line => line.Contains("crm.activity.list", StringComparison.Ordinal));
        // 130 rows at 50 a page, after the one refused v2 call.
        Assert.Equal(3, host.Requests.Count("/bitrix24/rest/1/" + host.State.Bitrix24.Options.WebhookSecret + "/crm.activity.list"));
        Assert.Equal(1, host.Requests.Count("/bitrix24/rest/1/" + host.State.Bitrix24.Options.WebhookSecret + "/imopenlines.v2.Session.list"));
    }

    [Fact]
    public async Task TheFallbackFiltersOnTheServerAndRemembersTheMissingMethod()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Bitrix24 = new Bitrix24Options { HasSessionListV2 = false } });
        using var connection = await Connect.Bitrix24Async(host);
        var data = host.State.Bitrix24.Data;

        var open = await Collect.ToListAsync(connection.GetSessionsAsync(new ChatSessionQuery { Status = ChatSessionStatus.Open, AgentIds = ["7"] }, CancellationToken.None));
        var window = await Collect.ToListAsync(connection.GetSessionsAsync(
            new ChatSessionQuery { Since = Bitrix24Data.Epoch.AddHours(30), Until = Bitrix24Data.Epoch.AddHours(60), Channel = "1" }, CancellationToken.None));

        Assert.Equal(data.Sessions.Where(s => s.Closed is null && s.OperatorId == 7).Select(s => s.Id.ToString()), open.Select(s => s.SessionId));
        Assert.Equal(
            data.Sessions.Where(s => s.Id is >= 510 and < 520 && s.LineId == 1).Select(s => s.Id.ToString()),
            window.Select(s => s.SessionId));
        Assert.Equal(1, host.Requests.Count($"/bitrix24/rest/1/{host.State.Bitrix24.Options.WebhookSecret}/imopenlines.v2.Session.list"));
    }

    [Fact]
    public async Task PastTheOffsetCapTheListingRestartsAtTheLastCreationTime()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Bitrix24 = new Bitrix24Options { MaxOffset = 20 } });
        using var connection = await Connect.Bitrix24Async(host);

        var sessions = await Collect.ToListAsync(connection.GetSessionsAsync(new ChatSessionQuery { PageSize = 10 }, CancellationToken.None));

        Assert.Equal(host.State.Bitrix24.Data.Sessions.Select(s => s.Id.ToString()), sessions.Select(s => s.SessionId));
        Assert.True(host.Requests.Count("/bitrix24/rest/") > 14, "the listing had to restart several windows");
    }

    [Fact]
    public async Task ASpanLongerThan366DaysIsWalkedInWindows()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);

        var sessions = await Collect.ToListAsync(connection.GetSessionsAsync(
            new ChatSessionQuery { Since = Bitrix24Data.Epoch.AddYears(-2), Until = Bitrix24Data.Epoch.AddYears(1) }, CancellationToken.None));

        Assert.Equal(host.State.Bitrix24.Data.Sessions.Select(s => s.Id.ToString()), sessions.Select(s => s.SessionId));
        // Three years are three windows of at most 366 days, one page each (the other request checked the webhook).
        Assert.Equal(3, host.Requests.Count("/bitrix24/rest/") - 1);
    }
}
