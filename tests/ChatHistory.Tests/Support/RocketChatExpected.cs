using ChatHistory.Simulator;
using ChatHistory.Simulator.RocketChat;

namespace ChatHistory.Tests.Support;

/// <summary>What the simulator holds, seen the way its Rocket.Chat endpoints serve it.</summary>
public static class RocketChatExpected
{
    public static IReadOnlyList<RocketRoom> Rooms(SimulatorHost host) => host.State.RocketChat.Data.Rooms;

    /// <summary>livechat/{rid}/messages returns user messages and the closing message only, oldest first.</summary>
    public static IReadOnlyList<RocketMessage> VisibleMessages(SimulatorHost host, RocketRoom room) =>
        host.State.RocketChat.Data.Snapshot(room)
            .Where(m => m.Json["t"] is null || (string?)m.Json["t"] == "livechat-close")
            .OrderBy(m => m.Timestamp)
            .ToList();

    public static IReadOnlyList<string> VisibleMessageIds(SimulatorHost host, RocketRoom room) =>
        VisibleMessages(host, room).Select(m => m.Id).ToList();

    /// <summary>The first room with at least <paramref name="minimum"/> visible messages.</summary>
    public static RocketRoom RoomWithAtLeast(SimulatorHost host, int minimum) =>
        Rooms(host).First(r => VisibleMessages(host, r).Count >= minimum);

    public static int RequestsTo(SimulatorHost host, string apiPath) =>
        host.Requests.Count("/rocketchat/api/" + apiPath.TrimStart('/'));
}
