namespace ChatHistory.Simulator;

/// <summary>What the standalone simulator prints so that a user can connect to it.</summary>
public static class DemoCredentials
{
    public static string Describe(SimulatorHost host)
    {
        var rocket = host.State.RocketChat.Options;
        return string.Join(Environment.NewLine,
            $"Rocket.Chat  url={host.RocketChatUrl} userId={rocket.UserId} authToken={rocket.AuthToken} (or user={rocket.Username} password={rocket.Password})");
    }
}
