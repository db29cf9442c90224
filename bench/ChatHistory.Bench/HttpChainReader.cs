using ChatHistory.Http;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Security;

namespace ChatHistory.Bench;

/// <summary>
/// The module's HTTP pipeline alone (retry, rate limit, Rocket.Chat's auth handler, logging, the
/// pooled body read as the providers read it) getting the same pages as the baseline and counting
/// their messages the baseline's way, without mapping: what the pipeline costs apart from mapping.
/// </summary>
public sealed class HttpChainReader : IDisposable
{
    private readonly ChatHttpPipeline pipeline;
    private readonly BaselineReader pages;

    public HttpChainReader(HttpPolicy policy, Uri apiRoot, string userId, string authToken, int pageSize)
    {
        var token = new RocketChatToken { Current = (userId, new Secret(authToken)) };
        pipeline = new ChatHttpPipeline(policy, new Redactor(), () => new RocketChatAuthHandler(token));
        pages = new BaselineReader(apiRoot, pageSize, async (url, cancellationToken) =>
        {
            using var page = await pipeline.Client.GetJsonAsync(url, cancellationToken);
            return (page.Root.GetProperty("messages").GetArrayLength(), page.Root.GetProperty("total").GetInt32());
        });
    }

    public Task<int> ReadAllAsync(IReadOnlyList<string> roomIds) => pages.ReadAllAsync(roomIds, 1);

    public void Dispose() => pipeline.Dispose();
}
