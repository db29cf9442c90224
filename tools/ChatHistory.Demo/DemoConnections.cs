using ChatHistory.Connections;
using ChatHistory.Providers;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Providers.Kommo;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Security;
using ChatHistory.Simulator;

namespace ChatHistory.Demo;

/// <summary>One connection per platform the simulator serves, from its demo credentials.</summary>
public static class DemoConnections
{
    public static IEnumerable<(string Name, ChatConnectionSettings Settings, ChatSessionQuery Sessions)> For(SimulatorHost host)
    {
        var info = DemoCredentials.For(host);
        var rocket = info["RocketChat"];
        yield return ("RocketChat", new RocketChatSettings
        {
            ServerUrl = new Uri(rocket["Url"]),
            UserId = rocket["UserId"],
            AuthToken = new Secret(rocket["AuthToken"]),
        }, new ChatSessionQuery());

        yield return ("Bitrix24", new Bitrix24Settings { WebhookUrl = new Secret(info["Bitrix24"]["WebhookUrl"]) }, new ChatSessionQuery());

        var superOffice = info["SuperOffice"];
        yield return ("SuperOffice", new SuperOfficeSettings
        {
            TenantUrl = new Uri(superOffice["Url"]),
            AccessToken = new Secret(superOffice["AccessToken"]),
        }, new ChatSessionQuery());

        // Kommo cannot list conversations: the demo reads the sample ids, as a CSV of ids would give them.
        var kommo = info["Kommo"];
        yield return ("Kommo", new KommoSettings
        {
            ScopeId = kommo["ScopeId"],
            ChannelSecret = new Secret(kommo["ChannelSecret"]),
            AmojoUrl = new Uri(kommo["AmojoUrl"]),
        }, new ChatSessionQuery { SessionIds = kommo["ConversationIds"].Split(',') });
    }
}
