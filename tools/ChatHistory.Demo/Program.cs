using ChatHistory.Connections;
using ChatHistory.Demo;
using ChatHistory.Engine;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Security;
using ChatHistory.Simulator;

// Starts the simulator with its sample data, connects to each provider it serves, reads every
// session and message through the same engine as Get-ChatSession | Get-ChatMessage, and writes
// out/demo/messages.csv. Usage: dotnet run --project tools/ChatHistory.Demo [-- <csv path>]
var csvPath = args.Length > 0 ? args[0] : Path.Combine("out", "demo", "messages.csv");
await using var simulator = await SimulatorHost.StartAsync();
Console.WriteLine($"Simulator on {simulator.BaseUrl}");

var rocket = simulator.State.RocketChat.Options;
var connections = new List<ChatConnection>
{
    await ChatConnection.OpenAsync("RocketChat", new RocketChatSettings
    {
        ServerUrl = new Uri(simulator.RocketChatUrl),
        UserId = rocket.UserId,
        AuthToken = new Secret(rocket.AuthToken),
    }, CancellationToken.None),
};

using var csv = new CsvExport<ChatMessage>(csvPath);
foreach (var connection in connections)
{
    using (connection)
    {
        var sessions = new List<ChatSession>();
        await foreach (var session in connection.GetSessionsAsync(new ChatSessionQuery(), CancellationToken.None))
        {
            sessions.Add(session);
        }

        Console.WriteLine($"\n{connection.Name}: {sessions.Count} sessions; the first five:");
        foreach (var session in sessions.Take(5))
        {
            Console.WriteLine($"  {session.SessionId,-20} {session.Status,-7} {session.StartedAt:yyyy-MM-dd HH:mm} {session.VisitorName,-12} {session.MessageCount,5} messages");
        }

        var roles = new Dictionary<ChatAuthorRole, int>();
        var errors = 0;
        var fetcher = new MessageFetcher(connection, concurrency: 4);
        await foreach (var item in fetcher.FetchAsync(sessions.Select(s => s.SessionId).ToAsyncEnumerable(), _ => new ChatMessageQuery(), CancellationToken.None))
        {
            if (item.Message is { } message)
            {
                csv.Write(message);
                roles[message.AuthorRole] = roles.GetValueOrDefault(message.AuthorRole) + 1;
            }
            else
            {
                errors++;
                Console.WriteLine($"  error {item.Error!.ErrorId} for session {item.Error.SessionId}: {item.Error.Message}");
            }
        }

        Console.WriteLine($"  {roles.Values.Sum()} messages ({string.Join(", ", roles.Select(r => $"{r.Key} {r.Value}"))}), {errors} errors");
    }
}

Console.WriteLine($"\nWrote {Path.GetFullPath(csvPath)}");
