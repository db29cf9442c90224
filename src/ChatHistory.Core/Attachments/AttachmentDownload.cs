namespace ChatHistory.Attachments;

/// <summary>
/// An attachment's body as it arrives, with what the server said about it. Holds the connection's
/// lease until disposed, so that a Disconnect-ChatProvider waits for the download to end.
/// </summary>
public sealed class AttachmentDownload : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly IDisposable lease;

    internal AttachmentDownload(HttpResponseMessage response, Stream body, IDisposable lease)
    {
        this.response = response;
        this.lease = lease;
        Body = body;
    }

    public Stream Body { get; }

    /// <summary>Content-Length, when the server sent one.</summary>
    public long? Length => response.Content.Headers.ContentLength;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
        lease.Dispose();
    }
}
