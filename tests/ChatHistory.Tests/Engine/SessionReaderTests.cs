using ChatHistory.Engine;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Engine;

/// <summary>
/// Get-ChatSession -SessionId: one id that fails is that id's error and the others still arrive;
/// a lookup a platform does not have is refused on every platform before any request.
/// </summary>
public class SessionReaderTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => fixture.Host;

    [Fact]
    public async Task AnUnknownIdIsItsOwnErrorAndTheOtherSessionsArrive()
    {
        using var connection = await Connect.SuperOfficeAsync(Host);

        var items = await SessionReader.ReadAsync(connection, new ChatSessionQuery { SessionIds = ["1001", "99999", "1002"] }, CancellationToken.None).ToListAsync();

        Assert.Equal(["1001", "error:99999", "1002"], items.Select(i => i.Session?.SessionId ?? "error:" + i.Error!.SessionId));
        Assert.Equal(ChatErrorKind.NotFound, items[1].Error!.Kind);
    }

    [Fact]
    public async Task AnUnknownRocketChatRoomIsItsOwnErrorToo()
    {
        using var connection = await Connect.RocketChatAsync(Host);
        var rooms = RocketChatExpected.Rooms(Host).Take(2).Select(r => r.Id).ToList();

        var items = await SessionReader.ReadAsync(connection, new ChatSessionQuery { SessionIds = [rooms[0], "NoSuchRoom0000001", rooms[1]] }, CancellationToken.None).ToListAsync();

        Assert.Equal([rooms[0], "error:NoSuchRoom0000001", rooms[1]], items.Select(i => i.Session?.SessionId ?? "error:" + i.Error!.SessionId));
    }

    public static TheoryData<string, string> Unsupported => new()
    {
        { "RocketChat", LookupKeys.ChatId },
        { "RocketChat", LookupKeys.UserCode },
        { "RocketChat", LookupKeys.ContactId },
        { "Bitrix24", LookupKeys.ContactId },
        { "Kommo", LookupKeys.ChatId },
        { "Kommo", LookupKeys.DialogId },
        { "SuperOffice", LookupKeys.UserCode },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public async Task ALookupThePlatformDoesNotHaveIsRefusedBeforeAnyRequest(string provider, string lookup)
    {
        using var connection = provider switch
        {
            "RocketChat" => await Connect.RocketChatAsync(Host),
            "Bitrix24" => await Connect.Bitrix24Async(Host),
            "Kommo" => await Connect.KommoAsync(Host),
            _ => await Connect.SuperOfficeAsync(Host),
        };
        var before = Host.Requests.Entries.Count;
        var query = new ChatSessionQuery { Lookup = new Dictionary<string, string> { [lookup] = "42" } };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => SessionReader.ReadAsync(connection, query, CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotSupported, error.Kind);
        Assert.Contains("-" + lookup, error.Message);
        Assert.NotNull(error.Hint);
        Assert.Equal(before, Host.Requests.Entries.Count);
    }

    [Fact]
    public async Task ALookupThePlatformHasStillWorks()
    {
        using var connection = await Connect.Bitrix24Async(Host);
        var open = Host.State.Bitrix24.Data.Sessions.Last(s => s.Closed is null);
        var chatId = open.ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var query = new ChatSessionQuery { Lookup = new Dictionary<string, string> { [LookupKeys.ChatId] = chatId } };

        var items = await SessionReader.ReadAsync(connection, query, CancellationToken.None).ToListAsync();

        Assert.Equal(chatId, Assert.Single(items).Session!.ChatId);
    }

    [Fact]
    public void SinceAfterUntilIsRefusedWithWhatToDo()
    {
        var error = Assert.Throws<ChatHistoryException>(() => QueryArguments.RequireWindow(DateTimeOffset.Parse("2026-11-02Z"), DateTimeOffset.Parse("2026-11-01Z")));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("Swap", error.Hint);
        QueryArguments.RequireWindow(DateTimeOffset.Parse("2026-11-01Z"), DateTimeOffset.Parse("2026-11-01Z"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void ABlankIdIsRefused(string id) =>
        Assert.Equal(ChatErrorKind.InvalidArgument, QueryArguments.CheckId(id, "-SessionId")!.Kind);
}
