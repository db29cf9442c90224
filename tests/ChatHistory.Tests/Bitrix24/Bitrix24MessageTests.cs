using ChatHistory.Engine;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

public class Bitrix24MessageTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task ASessionsMessagesComeOldestFirstWithRolesAndPlainText()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        var expected = simulator.Host.State.Bitrix24.Data.ById[503];

        var messages = await connection.GetMessagesAsync("503", new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(expected.Messages.Select(m => m.Id.ToString()), messages.Select(m => m.MessageId));
        Assert.All(messages, m => Assert.Equal("503", m.SessionId));
        Assert.Equal(expected.Messages.Select(m => m.Date), messages.Select(m => m.Timestamp));
        Assert.Equal(ChatAuthorRole.System, messages[0].AuthorRole);
        Assert.Equal("Start a new dialogue #503", messages[0].Text);
        Assert.Equal(ChatAuthorRole.Visitor, messages[1].AuthorRole);
        Assert.Equal("Guest", messages[1].AuthorName);
        Assert.Equal(ChatAuthorRole.Bot, messages[2].AuthorRole);
        Assert.Equal("Hello! I am Marta, the assistant.\nHow can I help?", messages[2].Text);
        Assert.Equal("Anna Petrova", messages[3].Text);
        var agent = messages.First(m => m.AuthorRole == ChatAuthorRole.Agent);
        Assert.Equal("7", agent.AuthorId);
        Assert.Equal("Anna Petrova", agent.AuthorName);
        Assert.Equal("Guest, see our FAQ (https://example.com/faq)", agent.Text);
        var photo = messages.Single(m => m.Kind == ChatMessageKinds.Image);
        Assert.Equal(ChatAuthorRole.Visitor, photo.AuthorRole);
        var file = Assert.Single(photo.Attachments);
        Assert.StartsWith(simulator.Host.Bitrix24Url + "bitrix/services/main/ajax.php?action=disk.api.file.download&fileId=", file.Url);
        Assert.EndsWith(".jpg", file.Name);
        var forwarded = messages.Single(m => m.Text == "Forwarded");
        Assert.Equal(new string?[] { "text", "link" }, forwarded.Attachments.Select(a => a.Kind));
        Assert.Equal("https://example.com/pricing", forwarded.AttachmentUrls);
        Assert.Equal("Dialogue completed.", messages[^1].Text);
    }

    [Fact]
    public async Task EveryMessageThatNamesAFileCarriesIt()
    {
        // The simulator writes params.fileId (camelCase, as in the vendor's history sample) and files
        // with urlDownload or urldownload: every file must come out, whichever spelling it has.
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        var withFiles = simulator.Host.State.Bitrix24.Data.Sessions.Where(s => s.Files.Count > 0).Take(6).ToList();

        var files = new List<ChatAttachment>();
        foreach (var session in withFiles)
        {
            var messages = await connection.GetMessagesAsync(session.Id.ToString(), new ChatMessageQuery(), CancellationToken.None).ToListAsync();
            files.AddRange(messages.SelectMany(m => m.Attachments).Where(a => a.Kind == "image"));
        }

        var expected = withFiles.SelectMany(s => s.Files.Keys).ToList();
        Assert.Contains(expected, id => id % 2 == 1);
        Assert.Contains(expected, id => id % 2 == 0);
        Assert.Equal(expected.Count, files.Count);
        Assert.All(files, f => Assert.Contains("action=disk.api.file.download&fileId=", f.Url));
    }

    [Fact]
    public async Task AfterAndSinceFilterTheSessionsMessages()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        var all = await connection.GetMessagesAsync("507", new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        var after = await connection.GetMessagesAsync("507", new ChatMessageQuery { After = all[2].MessageId }, CancellationToken.None).ToListAsync();
        var since = await connection.GetMessagesAsync("507", new ChatMessageQuery { Since = all[4].Timestamp }, CancellationToken.None).ToListAsync();

        Assert.Equal(all.Skip(3).Select(m => m.MessageId), after.Select(m => m.MessageId));
        Assert.Equal(all.Where(m => m.Timestamp >= all[4].Timestamp).Select(m => m.MessageId), since.Select(m => m.MessageId));
    }

    [Fact]
    public async Task AnUnknownSessionIsNotFoundWithTheProvidersCode()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() =>
            connection.GetMessagesAsync("99999", new ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal("99999", error.SessionId);
        Assert.StartsWith("INVALID_SESSION_ID", error.ProviderMessage);
        Assert.Contains("Get-ChatSession", error.Hint);
    }

    [Fact]
    public async Task TheHistoryOf120SessionsTakes3Requests()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);
        var ids = host.State.Bitrix24.Data.Sessions.Take(120).Select(s => s.Id.ToString()).ToList();
        host.Requests.Clear();

        var items = await new MessageFetcher(connection, concurrency: 4)
            .FetchAsync(ids.ToAsyncEnumerable(), _ => new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        var requests = host.Requests.Entries.Where(e => e.Contains("/bitrix24/")).ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, request => Assert.EndsWith("/batch.json", request));
        Assert.All(items, item => Assert.Null(item.Error));
        var expected = host.State.Bitrix24.Data.Sessions.Take(120).SelectMany(s => s.Messages.Select(m => (s.Id.ToString(), m.Id.ToString())));
        Assert.Equal(expected, items.Select(i => (i.Message!.SessionId, i.Message.MessageId)));
    }

    [Fact]
    public async Task TheNextBatchIsAskedForWhileTheFirstIsStillBeingEmitted()
    {
        // The consumer holds the first message and asks for nothing more: the second batch must be
        // on its way all the same, as Session.list's next page would be in Get-ChatSession | Get-ChatMessage.
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);
        var ids = host.State.Bitrix24.Data.Sessions.Where(s => s.Messages.Count > 0).Take(100).Select(s => s.Id.ToString()).ToList();
        host.Requests.Clear();

        await using var items = new MessageFetcher(connection, concurrency: 4)
            .FetchAsync(ids.ToAsyncEnumerable(), _ => new ChatMessageQuery(), CancellationToken.None)
            .GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        for (var i = 0; i < 200 && BatchRequests(host) < 2; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, BatchRequests(host));
        Assert.Equal(ids[0], items.Current.Message!.SessionId);
    }

    private static int BatchRequests(SimulatorHost host) => host.Requests.Entries.Count(e => e.EndsWith("/batch.json", StringComparison.Ordinal));

    [Fact]
    public async Task EachSessionOfABatchIsReportedCompleteAfterItsMessages()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var connection = await Connect.Bitrix24Async(host);
        var data = host.State.Bitrix24.Data;
        string[] ids = ["500", "501", "99999", "502"];
        var seen = new List<string>();
        var fetcher = new MessageFetcher(connection, concurrency: 1) { SessionCompleted = id => seen.Add("done:" + id) };

        await foreach (var item in fetcher.FetchAsync(ids.ToAsyncEnumerable(), _ => new ChatMessageQuery(), CancellationToken.None))
        {
            seen.Add(item.Message?.SessionId ?? "error:" + item.Error!.SessionId);
        }

        var expected = ids.SelectMany(id => id == "99999"
            ? ["error:" + id, "done:" + id]
            : Enumerable.Repeat(id, data.ById[int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)].Messages.Count).Append("done:" + id));
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task ARefusedSessionInABatchIsThatSessionsErrorOnly()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Bitrix24 = new Bitrix24Options { DeniedSessionIds = new HashSet<int> { 502 } },
        });
        using var connection = await Connect.Bitrix24Async(host);
        var data = host.State.Bitrix24.Data;
        host.Requests.Clear();

        var items = await new MessageFetcher(connection, concurrency: 1)
            .FetchAsync(new[] { "500", "501", "502", "99999", "abc", "503" }.ToAsyncEnumerable(), _ => new ChatMessageQuery(), CancellationToken.None)
            .ToListAsync();

        var errors = items.Where(i => i.Error is not null).Select(i => i.Error!).ToDictionary(e => e.SessionId!);
        Assert.Equal(3, errors.Count);
        Assert.Equal(ChatErrorKind.AccessDenied, errors["502"].Kind);
        Assert.StartsWith("ACCESS_DENIED", errors["502"].ProviderMessage);
        Assert.Contains("Open Channels", errors["502"].Hint);
        Assert.Equal(ChatErrorKind.NotFound, errors["99999"].Kind);
        Assert.Equal(ChatErrorKind.InvalidArgument, errors["abc"].Kind);
        var read = items.Where(i => i.Message is not null).GroupBy(i => i.Message!.SessionId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["500", "501", "503"], read.Keys.ToArray());
        Assert.Equal(data.ById[503].Messages.Count, read["503"]);
        Assert.Equal(1, host.Requests.Count("/bitrix24/rest/1/"));
    }

    [Fact]
    public async Task ABatchWithACursorFiltersEachSessionByItsOwnCursor()
    {
        using var connection = await Connect.Bitrix24Async(simulator.Host);
        var data = simulator.Host.State.Bitrix24.Data;
        var cursor = data.ById[501].Messages[^2].Id.ToString();

        var items = await new MessageFetcher(connection, concurrency: 1)
            .FetchAsync(new[] { "500", "501" }.ToAsyncEnumerable(), id => id == "501" ? new ChatMessageQuery { After = cursor } : new ChatMessageQuery(), CancellationToken.None)
            .ToListAsync();

        Assert.Equal(data.ById[500].Messages.Count, items.Count(i => i.Message!.SessionId == "500"));
        Assert.Equal([data.ById[501].Messages[^1].Id.ToString()], items.Where(i => i.Message!.SessionId == "501").Select(i => i.Message!.MessageId).ToArray());
    }
}
