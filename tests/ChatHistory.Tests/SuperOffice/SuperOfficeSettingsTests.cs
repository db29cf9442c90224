using System.Text;
using ChatHistory.Connections;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Security;

namespace ChatHistory.Tests.SuperOffice;

public class SuperOfficeSettingsTests
{
    [Theory]
    [InlineData("https://online.superoffice.com/Cust12345")]
    [InlineData("https://online.superoffice.com/Cust12345/")]
    [InlineData("https://online.superoffice.com/Cust12345/api")]
    [InlineData("https://online.superoffice.com/Cust12345/api/v1")]
    [InlineData("https://online.superoffice.com/Cust12345/API/v1/")]
    public void TenantAddressesNameTheSameApiBase(string url)
    {
        var settings = new SuperOfficeSettings { TenantUrl = new Uri(url) };

        Assert.Equal("https://online.superoffice.com/Cust12345/api/v1/", settings.TenantUrl.ToString(), ignoreCase: true);
        Assert.Equal(settings.TenantUrl.ToString(), settings.DisplayEndpoint);
    }

    [Fact]
    public void AQueryStringIsRefused()
    {
        var error = Assert.Throws<ChatHistoryException>(() => new SuperOfficeSettings { TenantUrl = new Uri("https://online.superoffice.com/Cust12345?x=1") });
        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task PlainHttpIsRefusedExceptOnLoopback()
    {
        var settings = new SuperOfficeSettings
        {
            TenantUrl = new Uri("http://crm.example.com/api/v1"),
            UserName = "u",
            Password = new Secret("password"),
        };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("so", settings, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("http://", error.Message);
    }

    [Fact]
    public async Task ExactlyOneSchemeIsNeeded()
    {
        var both = new SuperOfficeSettings
        {
            TenantUrl = new Uri("https://online.superoffice.com/Cust12345"),
            AccessToken = new Secret("8A:token"),
            Ticket = new Secret("7T:ticket"),
            ApplicationToken = new Secret("app-token"),
        };
        var none = new SuperOfficeSettings { TenantUrl = new Uri("https://online.superoffice.com/Cust12345") };

        Assert.Equal(ChatErrorKind.InvalidArgument, (await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("so", both, CancellationToken.None))).Kind);
        Assert.Equal(ChatErrorKind.InvalidArgument, (await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("so", none, CancellationToken.None))).Kind);
    }

    [Fact]
    public async Task ATicketNeedsTheApplicationToken()
    {
        var settings = new SuperOfficeSettings { TenantUrl = new Uri("https://online.superoffice.com/Cust12345"), Ticket = new Secret("7T:ticket") };

        var error = await Assert.ThrowsAsync<ChatHistoryException>(() => ChatConnection.OpenAsync("so", settings, CancellationToken.None));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("-ApplicationToken", error.Message);
    }

    [Fact]
    public void SchemeFollowsTheSecretGiven()
    {
        var url = new Uri("https://online.superoffice.com/Cust12345");
        Assert.Equal(SuperOfficeAuthScheme.Basic, new SuperOfficeSettings { TenantUrl = url, UserName = "u", Password = new Secret("pass") }.Scheme);
        Assert.Equal(SuperOfficeAuthScheme.Ticket, new SuperOfficeSettings { TenantUrl = url, Ticket = new Secret("7T:t") }.Scheme);
        Assert.Equal(SuperOfficeAuthScheme.Bearer, new SuperOfficeSettings { TenantUrl = url, AccessToken = new Secret("8A:t") }.Scheme);
    }

    [Fact]
    public void EverySecretIsListedForRedactionIncludingTheBasicHeaderValue()
    {
        var settings = new SuperOfficeSettings
        {
            TenantUrl = new Uri("https://crm.example.com"),
            UserName = "admin",
            Password = new Secret("hunter22"),
            ApplicationToken = new Secret("app-secret"),
        };

        var secrets = settings.Secrets.Select(s => s.Reveal()).ToList();

        Assert.Contains("hunter22", secrets);
        Assert.Contains("app-secret", secrets);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:hunter22")), secrets);
    }

    [Fact]
    public void DefaultPolicySetsNoCeilingOfItsOwn()
    {
        // SuperOffice's WebAPI reference documents no request rate: a client-side 10/s was a guess
        // that made exports 2.6x slower than a plain loop. 429/503 are still retried (SuperOfficeResilienceTests).
        var policy = new SuperOfficeSettings { TenantUrl = new Uri("https://crm.example.com") }.DefaultPolicy;

        Assert.Equal(0, policy.RequestsPerSecond);
    }

    [Fact]
    public void ArchiveZoneIsTheSettingThenTheSentZoneThenUtc()
    {
        var url = new Uri("https://crm.example.com");
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        Assert.Equal((TimeZoneInfo.Utc, false), new SuperOfficeSettings { TenantUrl = url }.ResolveArchiveZone());
        Assert.Equal((oslo, false), new SuperOfficeSettings { TenantUrl = url, TimeZone = "Europe/Oslo" }.ResolveArchiveZone());
        Assert.Equal((tokyo, false), new SuperOfficeSettings { TenantUrl = url, TimeZone = "Europe/Oslo", ArchiveTimeZone = tokyo }.ResolveArchiveZone());
        Assert.Equal((TimeZoneInfo.Utc, true), new SuperOfficeSettings { TenantUrl = url, TimeZone = "NO" }.ResolveArchiveZone());
        Assert.Equal((oslo, false), new SuperOfficeSettings { TenantUrl = url, TimeZone = "NO", ArchiveTimeZone = oslo }.ResolveArchiveZone());
    }

    [Fact]
    public void TimeZoneHeaderAsksForOffsets()
    {
        Assert.Equal("NO, includeTZOffset", SuperOfficeHeaders.TimeZoneValue("NO"));
        Assert.Equal("US-NY, includeTZOffset", SuperOfficeHeaders.TimeZoneValue("US-NY, includeTZOffset"));
        Assert.Equal("US-NY", SuperOfficeHeaders.ZoneCode("US-NY, includeTZOffset"));
    }
}
