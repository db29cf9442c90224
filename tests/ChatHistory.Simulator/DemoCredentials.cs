namespace ChatHistory.Simulator;

/// <summary>
/// What a user needs to connect to each provider of a running simulator: printed by the
/// standalone simulator and served at /_sim/info for the Pester tests. Demo values only.
/// </summary>
public static class DemoCredentials
{
    public static Dictionary<string, Dictionary<string, string>> For(SimulatorHost host)
    {
        var rocket = host.State.RocketChat.Options;
        var bitrix = host.State.Bitrix24.Options;
        var superOffice = host.State.SuperOffice.Options;
        var kommo = host.State.Kommo;
        return new Dictionary<string, Dictionary<string, string>>
        {
            ["RocketChat"] = new()
            {
                ["Url"] = host.RocketChatUrl,
                ["UserId"] = rocket.UserId,
                ["AuthToken"] = rocket.AuthToken,
                ["UserName"] = rocket.Username,
                ["Password"] = rocket.Password,
                // An agent without view-livechat-rooms: lists and reads only the rooms it served.
                ["AgentUserId"] = rocket.AgentUserId,
                ["AgentAuthToken"] = rocket.AgentAuthToken,
            },
            ["Bitrix24"] = new()
            {
                ["Url"] = host.Bitrix24Url,
                ["WebhookUrl"] = Bitrix24WebhookUrl(host),
                ["AccessToken"] = bitrix.AccessToken,
                ["RefreshToken"] = bitrix.RefreshToken,
                ["ClientId"] = bitrix.ClientId,
                ["ClientSecret"] = bitrix.ClientSecret,
                ["OAuthServerUrl"] = host.Bitrix24Url,
            },
            ["SuperOffice"] = new()
            {
                ["Url"] = host.SuperOfficeUrl,
                ["UserName"] = superOffice.UserName,
                ["Password"] = superOffice.Password,
                ["Ticket"] = superOffice.Ticket,
                ["ApplicationToken"] = superOffice.ApplicationToken,
                ["AccessToken"] = superOffice.AccessToken,
                ["RestrictedAccessToken"] = superOffice.RestrictedAccessToken,
            },
            ["Kommo"] = new()
            {
                ["AmojoUrl"] = host.KommoUrl,
                ["ScopeId"] = kommo.Options.ScopeId,
                ["ChannelSecret"] = kommo.Options.ChannelSecret,
                ["AccountUrl"] = host.KommoAccountUrl,
                ["AccessToken"] = kommo.Options.AccessToken,
                // Sample ids for a CSV-driven run: conversations that have messages, and a contact that has chats.
                ["ConversationIds"] = string.Join(",", kommo.Data.Conversations.Skip(1).Take(3).Select(c => c.Id)),
                ["ContactId"] = kommo.Data.Conversations[0].ContactId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>The incoming webhook of the simulated portal: rest/{user id}/{secret}/.</summary>
    public static string Bitrix24WebhookUrl(SimulatorHost host)
    {
        var options = host.State.Bitrix24.Options;
        return $"{host.Bitrix24Url}rest/{options.WebhookUserId}/{options.WebhookSecret}/";
    }

    public static string Describe(SimulatorHost host) =>
        string.Join(Environment.NewLine, For(host).Select(provider =>
            $"{provider.Key,-12} " + string.Join(" ", provider.Value.Select(pair => $"{pair.Key}={pair.Value}"))));
}
