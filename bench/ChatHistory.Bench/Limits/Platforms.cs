using ChatHistory.Providers;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Providers.Kommo;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Providers.SuperOffice;
using ChatHistory.Security;
using ChatHistory.Simulator;
using ChatHistory.Simulator.Bitrix24;
using ChatHistory.Simulator.Kommo;
using ChatHistory.Simulator.RocketChat;
using ChatHistory.Simulator.SuperOffice;

namespace ChatHistory.Bench.Limits;

/// <summary>
/// The four platforms with the same number of sessions each and the limits their vendors
/// document (docs/providers/*.md). No Policy is set on the settings: the module runs with each
/// platform's DefaultPolicy, as Connect-ChatProvider does without -RequestsPerSecond.
/// </summary>
public static class Platforms
{
    /// <summary>Sessions per platform unless the run asks for another number (the issue's own runs used 300).</summary>
    public const int DefaultSessions = 60;

    private const int RocketChatCalls = 30;
    private static readonly TimeSpan RocketChatWindow = TimeSpan.FromSeconds(2);
    private const int Bitrix24Bucket = 50;
    private const double Bitrix24Leak = 2;
    private const int KommoPerSecond = 7;

    public static IReadOnlyList<LimitedPlatform> All(int sessions) =>
    [
        new(
            "Rocket.Chat",
            "/rocketchat/",
            $"{RocketChatCalls} calls / {RocketChatWindow.TotalSeconds:0} s per route",
            new SimulatorOptions
            {
                RocketChat = new RocketChatOptions
                {
                    RoomCount = sessions, MaxMessagesPerRoom = 250, RateLimitCalls = RocketChatCalls, RateLimitWindow = RocketChatWindow,
                },
            },
            host => new RocketChatSettings
            {
                ServerUrl = new Uri(host.RocketChatUrl),
                UserId = host.State.RocketChat.Options.UserId,
                AuthToken = new Secret(host.State.RocketChat.Options.AuthToken),
            },
            _ => new ChatSessionQuery(),
            NaiveLoops.RocketChatAsync,
            host => host.State.RocketChat.RateWindows.Refused,
            (host, paths) => LimitBounds.PerRouteWindows(host, paths, RocketChatCalls, RocketChatWindow),
            path => path.EndsWith("/messages", StringComparison.Ordinal)),
        new(
            "SuperOffice",
            "/superoffice/",
            "none documented",
            new SimulatorOptions { SuperOffice = new SuperOfficeOptions { SessionCount = sessions, MaxMessagesPerSession = 40 } },
            host => new SuperOfficeSettings
            {
                TenantUrl = new Uri(host.SuperOfficeUrl),
                UserName = host.State.SuperOffice.Options.UserName,
                Password = new Secret(host.State.SuperOffice.Options.Password),
            },
            _ => new ChatSessionQuery(),
            NaiveLoops.SuperOfficeAsync,
            _ => 0,
            (_, _) => TimeSpan.Zero,
            path => path.EndsWith("/Messages", StringComparison.OrdinalIgnoreCase)),
        new(
            "Kommo",
            "/kommo/",
            $"{KommoPerSecond} requests/s",
            new SimulatorOptions
            {
                Kommo = new KommoOptions { ConversationCount = sessions, MaxMessagesPerConversation = 40, RequestsPerSecond = KommoPerSecond },
            },
            host => new KommoSettings
            {
                AmojoUrl = new Uri(host.KommoUrl),
                ScopeId = host.State.Kommo.Options.ScopeId,
                ChannelSecret = new Secret(host.State.Kommo.Options.ChannelSecret),
            },
            // Kommo lists nothing: Get-ChatSession is given the conversation ids, as from a CSV.
            host => new ChatSessionQuery { SessionIds = ConversationIds(host) },
            (host, token) => NaiveLoops.KommoAsync(host, ConversationIds(host), token),
            host => host.State.Kommo.RateLimit.Refused,
            (_, paths) => LimitBounds.SlidingSecond(paths.Count, KommoPerSecond),
            // Describing a conversation (the listing) and reading it ask for the same history path.
            _ => false),
        new(
            "Bitrix24",
            "/bitrix24/",
            $"bucket {Bitrix24Bucket}, {Bitrix24Leak:0}/s",
            new SimulatorOptions
            {
                Bitrix24 = new Bitrix24Options { SessionCount = sessions, BucketSize = Bitrix24Bucket, LeakPerSecond = Bitrix24Leak },
            },
            host => new Bitrix24Settings { WebhookUrl = new Secret(DemoCredentials.Bitrix24WebhookUrl(host)) },
            _ => new ChatSessionQuery(),
            NaiveLoops.Bitrix24Async,
            host => host.State.Bitrix24.Bucket.Rejected,
            (_, paths) => LimitBounds.LeakyBucket(paths.Count, Bitrix24Bucket, Bitrix24Leak),
            path => path.EndsWith("/batch.json", StringComparison.Ordinal) || path.EndsWith("/imopenlines.session.history.get.json", StringComparison.Ordinal),
            new BareRead(BareBitrix24.WarmAsync, BareBitrix24.ReadAsync)),
    ];

    private static IReadOnlyList<string> ConversationIds(SimulatorHost host) =>
        host.State.Kommo.Data.Conversations.Select(c => c.Id).ToList();
}
