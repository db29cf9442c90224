using ChatHistory.Connections;
using ChatHistory.Demo;
using ChatHistory.Engine;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Simulator;

// Starts the simulator with its sample data, connects to each platform it serves, reads every
// session and message through the same engine as Get-ChatSession | Get-ChatMessage, and writes one
// CSV for all of them. Usage: dotnet run --project tools/ChatHistory.Demo [-- <csv path>]
var csvPath = args.Length > 0 ? args[0] : Path.Combine("out", "demo", "messages.csv");
await using var simulator = await SimulatorHost.StartAsync();
Console.WriteLine($"Simulator on {simulator.BaseUrl}");

using var csv = new CsvExport<ChatMessage>(csvPath);
foreach (var (name, settings, sessionQuery) in DemoConnections.For(simulator))
{
    using var connection = await ChatConnection.OpenAsync(name, settings, CancellationToken.None);
    var sessions = new List<ChatSession>();
    await foreach (var session in connection.GetSessionsAsync(sessionQuery, CancellationToken.None))
    {
        sessions.Add(session);
    }

    Console.WriteLine($"\n{connection.Name} ({connection.Endpoint}): {sessions.Count} sessions; the first three:");
    foreach (var session in sessions.Take(3))
    {
        Console.WriteLine($"  {session.SessionId,-38} {session.Status,-8} {session.StartedAt:yyyy-MM-dd HH:mm} {session.VisitorName,-16} {session.MessageCount,5} messages");
    }

    var roles = new SortedDictionary<ChatAuthorRole, int>();
    var errors = 0;
    var fetcher = new MessageFetcher(connection, concurrency: 4);
    var ids = sessions.Select(s => s.SessionId).ToAsyncEnumerable();
    await foreach (var item in fetcher.FetchAsync(ids, _ => new ChatMessageQuery(), CancellationToken.None))
    {
        if (item.Message is { } message)
        {
            csv.Write(message);
            roles[message.AuthorRole] = roles.GetValueOrDefault(message.AuthorRole) + 1;
        }
        else
        {
            errors++;
            Console.WriteLine($"  {item.Error!.ErrorId} for session {item.Error.SessionId}: {item.Error.Message}");
        }
    }

    Console.WriteLine($"  {roles.Values.Sum()} messages ({string.Join(", ", roles.Select(r => $"{r.Key} {r.Value}"))}), {errors} errors");
}

Console.WriteLine($"\nWrote {Path.GetFullPath(csvPath)}");
