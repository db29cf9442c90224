using ChatHistory.Providers.Bitrix24;
using ChatHistory.Providers.Kommo;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Security;

namespace ChatHistory.Tests.Engine;

/// <summary>Cursors are keyed by the server a connection reads, never by its name and never by a secret.</summary>
public sealed class ServerIdentityTests
{
    private const string Canary = "canary-5e1f9a";

    [Fact]
    public void ABitrix24WebhookIsKeyedByItsPortalWithoutTheSecretOrUser()
    {
        var settings = new Bitrix24Settings { WebhookUrl = new Secret($"https://Portal.Bitrix24.com/rest/17/{Canary}/") };

        Assert.Equal("https://portal.bitrix24.com", settings.ServerIdentity);
    }

    [Fact]
    public void ABitrix24OAuthConnectionToTheSamePortalHasTheSameIdentity()
    {
        var webhook = new Bitrix24Settings { WebhookUrl = new Secret($"https://portal.bitrix24.com/rest/17/{Canary}/") };
        var oauth = new Bitrix24Settings { PortalUrl = new Uri("https://portal.bitrix24.com/"), AccessToken = new Secret(Canary) };

        Assert.Equal(webhook.ServerIdentity, oauth.ServerIdentity);
    }

    [Fact]
    public void KommoAccountsSharingAmojoAreToldApartByScopeButNotBySecret()
    {
        var one = new KommoSettings { ScopeId = "chan_111", ChannelSecret = new Secret(Canary) };
        var two = new KommoSettings { ScopeId = "chan_222", ChannelSecret = new Secret(Canary) };

        Assert.NotEqual(one.ServerIdentity, two.ServerIdentity);
        Assert.Equal("https://amojo.kommo.com/chan_111", one.ServerIdentity);
    }

    [Fact]
    public void RocketChatAndSuperOfficeAreKeyedByTheirUrlWithoutCredentials()
    {
        var rocket = new RocketChatSettings { ServerUrl = new Uri("https://chat.example.com/"), UserId = "u1", AuthToken = new Secret(Canary) };
        var superOffice = new SuperOfficeSettings { TenantUrl = new Uri("https://online.superoffice.com/Cust12345/"), AccessToken = new Secret(Canary) };

        Assert.Equal("https://chat.example.com", rocket.ServerIdentity);
        Assert.Equal("https://online.superoffice.com/Cust12345/api/v1", superOffice.ServerIdentity);
        Assert.DoesNotContain(Canary, rocket.ServerIdentity + superOffice.ServerIdentity);
    }
}
