using System.Text.Json.Serialization;
using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Simulator.Common;
using ChatHistory.Simulator.Faults;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Simulator.SuperOffice;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatHistory.Simulator;

/// <summary>
/// The simulator as tests use it: started in-process on 127.0.0.1 with a free port. Each
/// provider's API lives under its own path prefix (see <see cref="RocketChatUrl"/> and friends).
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatorHost(WebApplication app, Uri baseUrl, Uri foreignBaseUrl, SimulatorState state)
    {
        this.app = app;
        BaseUrl = baseUrl;
        ForeignBaseUrl = foreignBaseUrl;
        State = state;
    }

    public Uri BaseUrl { get; }

    /// <summary>
    /// The same simulator on a second port: another origin (scheme, host and port), so that tests
    /// can check that no platform credential is sent to a host that is not the platform's.
    /// </summary>
    public Uri ForeignBaseUrl { get; }

    public SimulatorState State { get; }

    public FaultInjector Faults => State.Faults;

    public RequestLog Requests => State.Requests;

    public string RocketChatUrl => new Uri(BaseUrl, RocketChatEndpoints.Prefix).ToString();

    public string Bitrix24Url => new Uri(BaseUrl, Bitrix24Endpoints.Prefix).ToString();
    public string SuperOfficeUrl => new Uri(BaseUrl, SuperOfficeEndpoints.TenantPath(State.SuperOffice.Options.Tenant)).ToString();

    /// <summary>The amojo base URL; the account's API v4 is at <see cref="KommoAccountUrl"/>.</summary>
    public string KommoUrl => new Uri(BaseUrl, KommoEndpoints.Prefix).ToString();

    public string KommoAccountUrl => new Uri(BaseUrl, KommoEndpoints.AccountPrefix).ToString();

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}", "http://127.0.0.1:0");
        var state = new SimulatorState(options);
        builder.Services.AddSingleton(state);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            state.Requests.Add(context.Request);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await state.Faults.InvokeAsync(context, () => next(context));
            state.Requests.Answered(context.Request.Path.Value ?? "/", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        });
        // Routing runs after the timing above, not before it as WebApplication would place it: a new
        // host builds its route matcher on its first request (about 1.7 ms here), and that is the
        // simulator's time too.
        app.UseRouting();
        SimulatorHost? self = null;
        ControlEndpoints.Map(app, state, () => self!);
        RocketChatEndpoints.Map(app, state.RocketChat);
        Bitrix24Endpoints.Map(app, state.Bitrix24);
        SuperOfficeEndpoints.Map(app, state.SuperOffice);
        KommoEndpoints.Map(app, state.Kommo);
        FileEndpoints.Map(app, state, () => self!);

        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address.TrimEnd('/') + "/"))
            .ToList();
        var main = options.Port == 0 ? addresses[0] : addresses.First(address => address.Port == options.Port);
        self = new SimulatorHost(app, main, addresses.First(address => address != main), state);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
