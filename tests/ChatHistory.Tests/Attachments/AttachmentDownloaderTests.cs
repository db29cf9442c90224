using System.Security.Cryptography;
using ChatHistory.Attachments;
using ChatHistory.Connections;
using ChatHistory.Diagnostics;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Common;
using ChatHistory.Simulator.Faults;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Attachments;

/// <summary>
/// Saving attachments through a connection against the simulator: the bytes, where credentials go,
/// hostile names, -MaximumSize, and HTTP faults. Rocket.Chat's /file-upload/ answers 403 without
/// X-User-Id/X-Auth-Token (Rocket.Chat apps/meteor/app/file-upload/server/lib/requests.ts).
/// </summary>
public sealed class AttachmentDownloaderTests : IAsyncLifetime
{
    private SimulatorHost host = null!;
    private string folder = null!;

    public async Task InitializeAsync()
    {
        host = await Simulators.StartAsync();
        folder = Path.Combine(Path.GetTempPath(), "chathistory-attachments-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ARocketChatFileArrivesWholeWithTheTokenSentToTheServerOnly()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var attachment = await FirstFileAsync(connection);

        var saved = await AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None);

        Assert.True(saved.Saved);
        Assert.Equal(Path.Combine(folder, SafeFileName.From(attachment.Name)), saved.Path);
        Assert.Equal(48213, saved.Bytes);
        Assert.Equal(ExpectedSha256(attachment), Sha256(saved.Path!));
        var request = Assert.Single(host.Requests.Requests, r => r.Path.StartsWith("/rocketchat/file-upload/", StringComparison.Ordinal));
        Assert.True(request.HasHeader("X-Auth-Token") && request.HasHeader("X-User-Id"));
    }

    [Fact]
    public async Task WithoutTheTokenRocketChatRefusesTheFile()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var attachment = await FirstFileAsync(connection);
        using var plain = new HttpClient();

        using var response = await plain.GetAsync(attachment.Url);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AFileOnAnotherHostIsFetchedWithoutAnyCredential()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var message = await InjectAsync(connection, [("elsewhere.bin", 70_000)], foreign: true);
        var attachment = Assert.Single(message.Attachments);
        Assert.StartsWith(host.ForeignBaseUrl.ToString(), attachment.Url, StringComparison.Ordinal);

        var saved = await AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None);

        Assert.Equal(ExpectedSha256(attachment), Sha256(saved.Path!));
        var request = Assert.Single(host.Requests.Requests, r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal));
        Assert.Equal(host.ForeignBaseUrl.Port, request.Port);
        Assert.False(request.HasHeader("X-Auth-Token") || request.HasHeader("X-User-Id") || request.HasHeader("Authorization"));
    }

    [Fact]
    public async Task ARedirectToStorageElsewhereIsFollowedWithoutTheToken()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var room = host.State.RocketChat.Data.Rooms.First(r => r.Messages.Count > 0);
        var injected = host.State.RocketChat.Data.AppendFiles(room, [("in-s3.bin", 90_000)], null, host.State.Cdn, redirectBase: host.ForeignBaseUrl);
        var message = (await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync()).Single(m => m.MessageId == injected.Id);
        var attachment = Assert.Single(message.Attachments);
        Assert.StartsWith(host.RocketChatUrl, attachment.Url, StringComparison.Ordinal);

        var saved = await AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None);

        Assert.Equal(90_000, saved.Bytes);
        Assert.Equal(ExpectedSha256(attachment), Sha256(saved.Path!));
        var toServer = Assert.Single(host.Requests.Requests, r => r.Path.StartsWith("/rocketchat/file-upload/", StringComparison.Ordinal));
        Assert.True(toServer.HasHeader("X-Auth-Token"));
        var toStorage = Assert.Single(host.Requests.Requests, r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal));
        Assert.Equal(host.ForeignBaseUrl.Port, toStorage.Port);
        Assert.False(toStorage.HasHeader("X-Auth-Token") || toStorage.HasHeader("X-User-Id"));
    }

    [Fact]
    public async Task HostileNamesLandInsideTheFolderUnderFreeNames()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var longName = new string('n', 296) + ".txt";
        var message = await InjectAsync(connection,
        [
            ("../../x", 10), ("..\\..\\x", 11), ("CON", 12), ("CON.txt", 13), (longName, 14), ("a/b\\c.txt", 15), ("dup.txt", 16), ("dup.txt", 17), ("...", 18),
        ]);

        var saved = new List<SavedAttachment>();
        foreach (var attachment in message.Attachments)
        {
            saved.Add(await AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None));
        }

        var full = Path.GetFullPath(folder);
        Assert.All(saved, s => Assert.Equal(full, Path.GetDirectoryName(s.Path)));
        Assert.Equal(
            ["x", "x (2)", "_CON", "_CON.txt", SafeFileName.From(longName), "c.txt", "dup.txt", "dup (2).txt", "attachment"],
            saved.Select(s => Path.GetFileName(s.Path!)));
        Assert.All(saved, s => Assert.Equal(ExpectedSha256(s.Attachment), Sha256(s.Path!)));
        Assert.Equal(saved.Count, Directory.GetFiles(folder).Length);
        Assert.False(File.Exists(Path.Combine(folder, "..", "..", "x")));
    }

    [Fact]
    public async Task BitrixOAuthSendsTheTokenAsAuthToThePortalAndFilesStreamPast64KB()
    {
        using var connection = await Connect.Bitrix24OAuthAsync(host);
        var large = (await FilesAsync(connection)).First(a => a.Size > 64 * 1024);

        var saved = await AttachmentDownloader.SaveAsync(connection, large, folder, null, CancellationToken.None);

        Assert.Equal(150_000, saved.Bytes);
        Assert.Equal(ExpectedSha256(large), Sha256(saved.Path!));
        var request = Assert.Single(host.Requests.Requests, r => r.Path.EndsWith("/ajax.php", StringComparison.Ordinal));
        Assert.True(request.HasQuery("auth"));
    }

    [Fact]
    public async Task AnExpiredBitrixTokenIsRenewedOnceForAFile()
    {
        using var connection = await Connect.Bitrix24OAuthAsync(host);
        var file = (await FilesAsync(connection)).First();
        host.State.Bitrix24.ExpireAccessTokens();

        var saved = await AttachmentDownloader.SaveAsync(connection, file, folder, null, CancellationToken.None);

        Assert.Equal(ExpectedSha256(file), Sha256(saved.Path!));
        Assert.Equal(2, host.Requests.Count("/bitrix24/bitrix/services/main/ajax.php"));
        Assert.Equal(1, host.Requests.Count("/bitrix24/oauth/token"));
    }

    [Fact]
    public async Task AnExpiredBitrixTokenThatCannotBeRenewedIsAuthenticationFailed()
    {
        using var connection = await Connect.Bitrix24OAuthAsync(host, canRenew: false);
        var file = (await FilesAsync(connection)).First();
        host.State.Bitrix24.ExpireAccessTokens();

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => AttachmentDownloader.SaveAsync(connection, file, folder, null, CancellationToken.None));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.DoesNotContain(host.State.Bitrix24.Options.AccessToken, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task BitrixWebhookFilesAreFetchedWithoutTheWebhookSecret()
    {
        using var connection = await Connect.Bitrix24Async(host);
        var file = (await FilesAsync(connection)).First();

        var saved = await AttachmentDownloader.SaveAsync(connection, file, folder, null, CancellationToken.None);

        Assert.Equal(ExpectedSha256(file), Sha256(saved.Path!));
        var request = Assert.Single(host.Requests.Requests, r => r.Path.EndsWith("/ajax.php", StringComparison.Ordinal));
        Assert.False(request.HasQuery("auth"));
        Assert.DoesNotContain(host.State.Bitrix24.Options.WebhookSecret, request.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KommoMediaComeFromTheAmojoHost()
    {
        using var connection = await Connect.KommoAsync(host);
        var media = (await FilesAsync(connection)).First(a => a.Kind == "image");

        var saved = await AttachmentDownloader.SaveAsync(connection, media, folder, null, CancellationToken.None);

        Assert.Equal(183_204, saved.Bytes);
        Assert.Equal(ExpectedSha256(media), Sha256(saved.Path!));
    }

    [Fact]
    public async Task LinksAndOptionsAreNotFilesAndCostNoRequest()
    {
        using var connection = await Connect.SuperOfficeAsync(host);
        var link = new ChatAttachment { Name = "FAQ", Url = "https://example.com/faq", Kind = "link" };
        var before = host.Requests.Entries.Count;

        var saved = await AttachmentDownloader.SaveAsync(connection, link, folder, null, CancellationToken.None);

        Assert.Equal(AttachmentSkipReason.NotAFile, saved.SkipReason);
        Assert.Equal(before, host.Requests.Entries.Count);
    }

    [Fact]
    public async Task MaximumSizeSkipsByTheKnownSizeBeforeAnyRequest()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var attachment = await FirstFileAsync(connection);
        var before = host.Requests.Entries.Count;

        var saved = await AttachmentDownloader.SaveAsync(connection, attachment, folder, 1000, CancellationToken.None);

        Assert.Equal(AttachmentSkipReason.TooLarge, saved.SkipReason);
        Assert.Contains("-MaximumSize 1000", saved.SkipMessage, StringComparison.Ordinal);
        Assert.Equal(before, host.Requests.Entries.Count);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
    }

    [Fact]
    public async Task MaximumSizeSkipsByContentLengthWhenTheSizeIsUnknown()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var known = await FirstFileAsync(connection);
        var unknownSize = new ChatAttachment { Name = known.Name, Url = known.Url, Kind = "file" };

        var saved = await AttachmentDownloader.SaveAsync(connection, unknownSize, folder, 1000, CancellationToken.None);

        Assert.Equal(AttachmentSkipReason.TooLarge, saved.SkipReason);
        Assert.Contains("announced 48213 bytes", saved.SkipMessage, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task MaximumSizeStopsABodyWithoutLengthAndKeepsNothing()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var message = await InjectAsync(connection, [("growing.bin", 200_000)], foreign: true);
        var attachment = new ChatAttachment { Name = "growing.bin", Url = message.Attachments[0].Url + "?length=omit", Kind = "file" };

        var saved = await AttachmentDownloader.SaveAsync(connection, attachment, folder, 100_000, CancellationToken.None);

        Assert.Equal(AttachmentSkipReason.TooLarge, saved.SkipReason);
        Assert.Contains("more bytes came", saved.SkipMessage, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task AMissingFileIsNotFoundAndLeavesNoFile()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var known = await FirstFileAsync(connection);
        var missing = new ChatAttachment { Name = "gone.png", Url = known.Url!.Replace("/file-upload/", "/file-upload/nosuchfile0000000", StringComparison.Ordinal), Kind = "image" };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => AttachmentDownloader.SaveAsync(connection, missing, folder, null, CancellationToken.None));

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("gone.png", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task ThrottlingAnswersAreRetriedAndThe500IsNot()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var attachment = await FirstFileAsync(connection);
        host.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, PathPrefix = "/rocketchat/file-upload/", Times = 2 });

        var saved = await AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None);

        Assert.Equal(ExpectedSha256(attachment), Sha256(saved.Path!));
        Assert.Equal(3, host.Requests.Count("/rocketchat/file-upload/"));

        host.Faults.Clear();
        host.Faults.Add(new FaultRule { Kind = FaultKind.InternalServerError, PathPrefix = "/rocketchat/file-upload/" });
        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None));
        Assert.Equal(ChatErrorKind.ServerError, error.Kind);
        Assert.Equal(4, host.Requests.Count("/rocketchat/file-upload/"));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task ABodyCutShortIsAConnectionErrorAndLeavesNoPartialFile()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var attachment = await FirstFileAsync(connection);
        host.Faults.Add(new FaultRule { Kind = FaultKind.DropMidBody, PathPrefix = "/rocketchat/file-upload/" });

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None));

        Assert.Equal(ChatErrorKind.ConnectionFailed, error.Kind);
        Assert.Equal(attachment.SessionId, error.SessionId);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task PlainHttpToAnotherMachineIsRefusedBeforeAnyRequest()
    {
        using var connection = await Connect.RocketChatAsync(host);
        var attachment = new ChatAttachment { Name = "x.bin", Url = "http://files.example.com/x.bin", Kind = "file" };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("http://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenNeverAppearsInTheLogOrErrors()
    {
        var log = new RecordingLog();
        using (ChatLog.Use(log))
        {
            using var connection = await Connect.RocketChatAsync(host);
            var attachment = await FirstFileAsync(connection);
            host.Faults.Add(new FaultRule { Kind = FaultKind.InternalServerError, PathPrefix = "/rocketchat/file-upload/" });
            var error = await Assert.ThrowsAsync<ChatHistoryException>(() => AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None));
            host.Faults.Clear();
            await AttachmentDownloader.SaveAsync(connection, attachment, folder, null, CancellationToken.None);
            Assert.DoesNotContain(host.State.RocketChat.Options.AuthToken, error.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains(log.Lines, line => line.Contains("/rocketchat/file-upload/", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains(host.State.RocketChat.Options.AuthToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAttachmentKnowsItsMessageSessionAndConnection()
    {
        using var connection = await Connect.RocketChatAsync(host, name: "rc-owner");
        var message = (await MessagesAsync(connection)).First(m => m.Attachments.Length > 0);

        var attachment = message.Attachments[0];

        Assert.Equal("rc-owner", attachment.Connection);
        Assert.Equal(message.SessionId, attachment.SessionId);
        Assert.Equal(message.MessageId, attachment.MessageId);
    }

    private string ExpectedSha256(ChatAttachment attachment)
    {
        var segments = new Uri(attachment.Url!).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(attachment.Url!).Query);
        SimulatedFile? file = segments switch
        {
            ["rocketchat", "file-upload", var id, ..] => host.State.RocketChat.Data.Files.Find(id),
            ["kommo", "attachments", var id, ..] => host.State.Kommo.Data.Files.Find(id),
            ["cdn", var id, ..] => host.State.Cdn.Find(id),
            ["bitrix24", ..] => host.State.Bitrix24.Data.Files.Find(query["fileId"]!),
            _ => null,
        };
        return Assert.IsType<SimulatedFile>(file).Sha256();
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private async Task<ChatAttachment> FirstFileAsync(ChatConnection connection) => (await FilesAsync(connection)).First();

    private async Task<List<ChatAttachment>> FilesAsync(ChatConnection connection) =>
        (await MessagesAsync(connection)).SelectMany(m => m.Attachments).Where(AttachmentUrl.IsFile).ToList();

    private async Task<List<ChatMessage>> MessagesAsync(ChatConnection connection)
    {
        var messages = new List<ChatMessage>();
        await foreach (var session in connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = SessionIds(connection) }, CancellationToken.None))
        {
            messages.AddRange(await connection.GetMessagesAsync(session.SessionId, new ChatMessageQuery(), CancellationToken.None).ToListAsync());
            if (messages.Any(m => m.Attachments.Any(a => a.Size > 64 * 1024)) && messages.Count(m => m.Attachments.Length > 0) >= 2)
            {
                break;
            }
        }

        return messages;
    }

    /// <summary>Kommo lists no conversations: its ids come from the simulator's data.</summary>
    private List<string> SessionIds(ChatConnection connection) =>
        connection.Provider == ChatProviderKind.Kommo ? host.State.Kommo.Data.Conversations.Select(c => c.Id).ToList() : [];

    private async Task<ChatMessage> InjectAsync(ChatConnection connection, IReadOnlyList<(string Name, long Size)> files, bool foreign = false)
    {
        var room = host.State.RocketChat.Data.Rooms.First(r => r.Messages.Count > 0);
        var injected = host.State.RocketChat.Data.AppendFiles(room, files, foreign ? host.ForeignBaseUrl : null, host.State.Cdn);
        var messages = await connection.GetMessagesAsync(room.Id, new ChatMessageQuery(), CancellationToken.None).ToListAsync();
        return messages.Single(m => m.MessageId == injected.Id);
    }
}
