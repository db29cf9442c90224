using ChatHistory.Connections;
using ChatHistory.Model;

namespace ChatHistory.Tests.Security;

public class EnvironmentSignInTests
{
    [Fact]
    public void ReadsThePlatformsVariablesByKey()
    {
        var environment = new Dictionary<string, string>
        {
            ["CHATHISTORY_ROCKETCHAT_URL"] = "https://chat.example.com",
            ["CHATHISTORY_ROCKETCHAT_USERID"] = "u1",
            ["CHATHISTORY_ROCKETCHAT_AUTHTOKEN"] = " tok ",
        };

        var values = EnvironmentSignIn.Read(ChatProviderKind.RocketChat, name => environment.GetValueOrDefault(name));

        Assert.Equal("https://chat.example.com", values[EnvironmentSignIn.Url]);
        Assert.Equal("tok", values[EnvironmentSignIn.AuthToken]);
    }

    [Fact]
    public void MissingVariablesAreNamedAndNoValueIsShown()
    {
        var environment = new Dictionary<string, string> { ["CHATHISTORY_KOMMO_CHANNELSECRET"] = "s3cr3t-value" };

        var error = Assert.Throws<ChatHistoryException>(() => EnvironmentSignIn.Read(ChatProviderKind.Kommo, name => environment.GetValueOrDefault(name)));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("CHATHISTORY_KOMMO_SCOPEID", error.Message);
        Assert.DoesNotContain("CHATHISTORY_KOMMO_AMOJOURL", error.Message);
        Assert.DoesNotContain("s3cr3t-value", error.Message + error.Hint);
    }

    [Fact]
    public void BlankCountsAsMissing()
    {
        var error = Assert.Throws<ChatHistoryException>(() => EnvironmentSignIn.Read(ChatProviderKind.Bitrix24, _ => "  "));

        Assert.Contains("CHATHISTORY_BITRIX24_WEBHOOKURL", error.Message);
    }

    [Theory]
    [InlineData(ChatProviderKind.RocketChat)]
    [InlineData(ChatProviderKind.Bitrix24)]
    [InlineData(ChatProviderKind.SuperOffice)]
    [InlineData(ChatProviderKind.Kommo)]
    public void EveryPlatformHasARequiredSecret(ChatProviderKind provider)
    {
        Assert.Contains(EnvironmentSignIn.Variables(provider), v => v.Required && v.IsSecret);
        Assert.All(EnvironmentSignIn.Variables(provider), v => Assert.StartsWith($"CHATHISTORY_{provider.ToString().ToUpperInvariant()}_", v.Name));
    }
}
