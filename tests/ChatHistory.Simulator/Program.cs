using ChatHistory.Simulator;

// Standalone: `dotnet run --project tests/ChatHistory.Simulator [-- --port 5099]`.
var port = 0;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Port = port });
Console.WriteLine($"ChatHistory simulator listening on {host.BaseUrl}");
Console.WriteLine(DemoCredentials.Describe(host));
Console.WriteLine("Press Ctrl+C to stop.");
var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
await stopped.Task;
