using ChatHistory.Http;
using ChatHistory.Security;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Where a REST method lives: under the webhook URL ({webhook}{method}.json, the secret in the
/// path) or under the portal's rest/ folder (rest/{method}, the token added as auth=).
/// </summary>
internal sealed class Bitrix24Endpoint
{
    private readonly Uri methodRoot;

    private Bitrix24Endpoint(Uri portal, Uri methodRoot, bool isWebhook)
    {
        Portal = portal;
        this.methodRoot = methodRoot;
        IsWebhook = isWebhook;
    }

    /// <summary>The portal's base (the part before rest/), for display and for relative file links.</summary>
    public Uri Portal { get; }

    public bool IsWebhook { get; }

    public string DisplayUrl => Portal.ToString();

    public Uri MethodUrl(string method) => new(methodRoot, IsWebhook ? method + ".json" : method);

    public static Bitrix24Endpoint ForWebhook(Secret webhookUrl)
    {
        var text = webhookUrl.Reveal();
        // The URL is never echoed: it is the secret.
        EndpointGuard.RequireSecure(text, "-WebhookUrl");
        if (!TryParseWebhook(text, out var webhook))
        {
            throw new ChatHistoryException(
                ChatErrorKind.InvalidArgument,
                "-WebhookUrl must look like https://<portal>/rest/<user id>/<secret>/ (copy it from Developer resources > Incoming webhook).");
        }

        return new Bitrix24Endpoint(webhook.Portal, webhook.Root, isWebhook: true);
    }

    public static Bitrix24Endpoint ForPortal(Uri portal)
    {
        var text = portal.GetLeftPart(UriPartial.Path);
        var root = new Uri(text.EndsWith('/') ? text : text + "/");
        return new Bitrix24Endpoint(root, new Uri(root, "rest/"), isWebhook: false);
    }

    /// <summary>
    /// Finds rest/{user id}/{secret}/ in a webhook URL; anything after it (a method name someone
    /// copied along) is dropped.
    /// </summary>
    public static bool TryParseWebhook(string url, out (Uri Portal, Uri Root, string UserId, Secret Secret) webhook)
    {
        webhook = default;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 3; i >= 0; i--)
        {
            if (string.Equals(segments[i], "rest", StringComparison.OrdinalIgnoreCase)
                && segments[i + 1].All(char.IsAsciiDigit)
                && segments[i + 2].Length > 0)
            {
                var before = string.Concat(segments.Take(i).Select(s => s + "/"));
                var portal = new Uri(uri, "/" + before);
                var root = new Uri(portal, $"rest/{segments[i + 1]}/{segments[i + 2]}/");
                webhook = (portal, root, segments[i + 1], new Secret(Uri.UnescapeDataString(segments[i + 2])));
                return true;
            }
        }

        return false;
    }
}
