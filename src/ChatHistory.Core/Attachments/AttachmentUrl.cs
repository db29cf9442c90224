using ChatHistory.Http;
using ChatHistory.Model;

namespace ChatHistory.Attachments;

/// <summary>Which attachments are files to fetch, and whether their URL may be fetched at all.</summary>
public static class AttachmentUrl
{
    /// <summary>Kinds that are not files: links to pages, chat options, text blocks.</summary>
    private static readonly HashSet<string> NotFiles = new(StringComparer.OrdinalIgnoreCase) { "link", "option", "text" };

    /// <summary>A file, image, video, ... with a URL; links, options and text blocks are not.</summary>
    public static bool IsFile(ChatAttachment attachment) =>
        !string.IsNullOrWhiteSpace(attachment.Url) && (attachment.Kind is null || !NotFiles.Contains(attachment.Kind));

    /// <summary>The attachment's URL: absolute, https (or http to this machine), no user name in it.</summary>
    public static Uri Require(ChatAttachment attachment) => Require(attachment.Url, attachment);

    internal static Uri Require(string? url, ChatAttachment attachment)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Refused(attachment, "its URL is not an absolute http(s) URL");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw Refused(attachment, "its URL carries a user name or password");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !EndpointGuard.IsLoopback(uri))
        {
            throw Refused(attachment, "its URL uses http://, which is accepted only for loopback addresses");
        }

        return uri;
    }

    private static ChatHistoryException Refused(ChatAttachment attachment, string why) =>
        new(ChatErrorKind.InvalidArgument, $"The attachment '{attachment.Name}' was not fetched: {why}.") { SessionId = attachment.SessionId };
}
