using ChatHistory.Connections;
using ChatHistory.Providers;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.SuperOffice;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.SuperOffice;

public class SuperOfficeAuthTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => fixture.Host;

    private SuperOfficeState Sim => Host.State.SuperOffice;

    [Theory]
    [InlineData(SuperOfficeAuthScheme.Basic, "Basic")]
    [InlineData(SuperOfficeAuthScheme.Ticket, "SOTicket")]
    [InlineData(SuperOfficeAuthScheme.Bearer, "Bearer")]
    public async Task EachSchemeConnectsAndReads(SuperOfficeAuthScheme scheme, string headerScheme)
    {
        Sim.SeenRequests.Clear();

        using var connection = await Connect.SuperOfficeAsync(Host, scheme);
        var sessions = await connection.GetSessionsAsync(new ChatSessionQuery { SessionIds = ["1001"] }, CancellationToken.None).ToListAsync();
        var messages = await connection.GetMessagesAsync("1001", new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal("SIMUSER", connection.Account);
        Assert.Equal(Host.SuperOfficeUrl, connection.Endpoint);
        Assert.Single(sessions);
        Assert.NotEmpty(messages);
        Assert.All(Sim.SeenRequests, r => Assert.StartsWith(headerScheme + " ", r.Headers["Authorization"]));
        Assert.All(Sim.SeenRequests, r => Assert.Equal("application/json", r.Headers["Accept"]));
        Assert.Equal(scheme == SuperOfficeAuthScheme.Ticket, Sim.SeenRequests.All(r => r.Headers.ContainsKey("SO-AppToken")));
    }

    [Fact]
    public async Task BearerSendsTheApplicationTokenWhenGiven()
    {
        var options = Sim.Options;
        Sim.SeenRequests.Clear();
        var settings = new SuperOfficeSettings
        {
            TenantUrl = new Uri(Host.SuperOfficeUrl),
            AccessToken = new Secret(options.AccessToken),
            ApplicationToken = new Secret(options.ApplicationToken),
            Policy = Connect.FastPolicy,
        };

        using var connection = await ChatConnection.OpenAsync("so", settings, CancellationToken.None);

        Assert.Equal(options.ApplicationToken, Assert.Single(Sim.SeenRequests).Headers["SO-AppToken"]);
    }

    [Fact]
    public async Task LanguageCultureAndTimeZoneGoOutAsHeaders()
    {
        var options = Sim.Options;
        Sim.SeenRequests.Clear();
        var settings = new SuperOfficeSettings
        {
            TenantUrl = new Uri(Host.SuperOfficeUrl),
            UserName = options.UserName,
            Password = new Secret(options.Password),
            Language = "nb-no",
            Culture = "sv",
            TimeZone = "NO",
            Policy = Connect.FastPolicy,
        };

        using var connection = await ChatConnection.OpenAsync("so", settings, CancellationToken.None);
        await connection.GetMessagesAsync("1001", new ChatMessageQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(2, Sim.SeenRequests.Count);
        Assert.All(Sim.SeenRequests, r =>
        {
            Assert.Equal("nb-no", r.Headers["Accept-Language"]);
            Assert.Equal("nb-no", r.Headers["SO-Language"]);
            Assert.Equal("sv", r.Headers["SO-Culture"]);
            Assert.Equal("NO, includeTZOffset", r.Headers["SO-TimeZone"]);
        });
    }

    [Theory]
    [InlineData(SuperOfficeAuthScheme.Basic, "Basic", "onsite")]
    [InlineData(SuperOfficeAuthScheme.Ticket, "SOTicket", "ticket")]
    [InlineData(SuperOfficeAuthScheme.Bearer, "Bearer", "access token")]
    public async Task RefusedCredentialsNameTheScheme(SuperOfficeAuthScheme scheme, string schemeName, string hintWord)
    {
        var wrong = new Secret("wrong-" + schemeName + "-secret");
        var settings = new SuperOfficeSettings
        {
            TenantUrl = new Uri(Host.SuperOfficeUrl),
            UserName = scheme == SuperOfficeAuthScheme.Basic ? Sim.Options.UserName : null,
            Password = scheme == SuperOfficeAuthScheme.Basic ? wrong : null,
            Ticket = scheme == SuperOfficeAuthScheme.Ticket ? wrong : null,
            ApplicationToken = scheme == SuperOfficeAuthScheme.Ticket ? new Secret(Sim.Options.ApplicationToken) : null,
            AccessToken = scheme == SuperOfficeAuthScheme.Bearer ? wrong : null,
            Policy = Connect.FastPolicy,
        };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("so", settings, CancellationToken.None));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains($"the {schemeName} credentials", error.Message);
        Assert.Contains(hintWord, error.Hint);
        // The simulator echoes the presented credential; the connection masks it.
        Assert.StartsWith("SoAuthenticationException: Authentication failed for", error.ProviderMessage);
        Assert.Contains("***", error.ProviderMessage);
        Assert.DoesNotContain(wrong.Reveal(), error.ProviderMessage);
    }

    [Fact]
    public async Task ATicketWithAnotherApplicationsTokenIsRefused()
    {
        var settings = new SuperOfficeSettings
        {
            TenantUrl = new Uri(Host.SuperOfficeUrl),
            Ticket = new Secret(Sim.Options.Ticket),
            ApplicationToken = new Secret("another-application"),
            Policy = Connect.FastPolicy,
        };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("so", settings, CancellationToken.None));

        Assert.Equal(ChatErrorKind.AuthenticationFailed, error.Kind);
        Assert.Contains("application token", error.Hint);
    }

    [Fact]
    public async Task AUserWithoutChatIsDeniedWithTheSchemeNamed()
    {
        var settings = new SuperOfficeSettings
        {
            TenantUrl = new Uri(Host.SuperOfficeUrl),
            AccessToken = new Secret(Sim.Options.RestrictedAccessToken),
            Policy = Connect.FastPolicy,
        };
        using var connection = await ChatConnection.OpenAsync("so", settings, CancellationToken.None);

        var listing = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None).ToListAsync());
        var messages = await Assert.ThrowsAsync<ChatHistoryException>(
            () => connection.GetMessagesAsync("1001", new ChatMessageQuery(), CancellationToken.None).ToListAsync());

        Assert.Equal(ChatErrorKind.AccessDenied, listing.Kind);
        Assert.Equal(403, listing.StatusCode);
        Assert.Contains("Bearer user", listing.Message);
        Assert.Contains("Chat licence", listing.Hint);
        Assert.Equal("SoAccessDeniedException: The user has no access to Chat.", listing.ProviderMessage);
        Assert.Equal(ChatErrorKind.AccessDenied, messages.Kind);
        Assert.Equal("1001", messages.SessionId);
    }

    [Fact]
    public async Task AnotherTenantsPathSaysTheUrlIsWrong()
    {
        var wrongTenant = Host.SuperOfficeUrl.Replace(Sim.Options.Tenant, "Cust99999");
        var settings = new SuperOfficeSettings
        {
            TenantUrl = new Uri(wrongTenant),
            UserName = Sim.Options.UserName,
            Password = new Secret(Sim.Options.Password),
            Policy = Connect.FastPolicy,
        };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("so", settings, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(421, error.StatusCode);
        Assert.Contains("421 Misdirected Request", error.Message);
        Assert.Contains("tenant URL", error.Message);
        Assert.Contains("Cust99999", error.Message);
        Assert.Contains("-Url", error.Hint);
        // The answer was an HTML page: nothing of it is passed on.
        Assert.Null(error.ProviderMessage);
    }
}
