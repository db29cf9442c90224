using System.Net;

namespace ChatHistory.Http;

/// <summary>
/// A response body already read into memory by the retry handler, handed on without another copy.
/// </summary>
internal sealed class BufferedContent : HttpContent
{
    private readonly byte[] buffer;
    private readonly int length;

    private BufferedContent(byte[] buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    public ReadOnlyMemory<byte> Body => buffer.AsMemory(0, length);

    /// <summary>Reads the response's body (cancellably) and puts it back as a BufferedContent.</summary>
    public static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        using var memory = new MemoryStream();
        var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        }

        var buffered = new BufferedContent(memory.GetBuffer(), (int)memory.Length);
        foreach (var header in original.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = buffered;
        original.Dispose();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(buffer, 0, length);

    protected override Task<Stream> CreateContentReadStreamAsync() =>
        Task.FromResult<Stream>(new MemoryStream(buffer, 0, length, writable: false));

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }
}
