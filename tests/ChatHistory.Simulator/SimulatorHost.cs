using System.Text.Json.Serialization;
using ChatHistory.Simulator.Bitrix24;
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

    private SimulatorHost(WebApplication app, Uri baseUrl, SimulatorState state)
    {
        this.app = app;
        BaseUrl = baseUrl;
        State = state;
    }

    public Uri BaseUrl { get; }

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
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        var state = new SimulatorState(options);
        builder.Services.AddSingleton(state);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            state.Requests.Add(context.Request.Method, context.Request.Path.Value ?? "/");
            await state.Faults.InvokeAsync(context, () => next(context));
        });
        SimulatorHost? self = null;
        ControlEndpoints.Map(app, state, () => self!);
        RocketChatEndpoints.Map(app, state.RocketChat);
        Bitrix24Endpoints.Map(app, state.Bitrix24);
        SuperOfficeEndpoints.Map(app, state.SuperOffice);
        KommoEndpoints.Map(app, state.Kommo);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new SimulatorHost(app, new Uri(address.TrimEnd('/') + "/"), state);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
