using System.Text;
using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.RocketChat;

namespace ChatHistory.Tests.RocketChat;

/// <summary>Rocket.Chat messages mapped the way the provider maps them, from JSON text.</summary>
internal static class RocketChatMessages
{
    public static readonly Uri Server = new("https://chat.example.com/");

    /// <summary>The message read as the only item of a livechat/{rid}/messages page.</summary>
    public static ChatMessage Map(string json, string connection = "c")
    {
        var messages = new List<ChatMessage>();
        new RocketChatMessageReader(Server, connection, new RepeatedStrings())
            .ReadPage(Encoding.UTF8.GetBytes($$"""{"messages":[{{json}}],"total":1,"success":true}"""), messages);
        return Assert.Single(messages);
    }

    public static ChatMessage Map(JsonElement message, string connection = "c") => Map(message.GetRawText(), connection);
}
