using System.Buffers;
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
        byte[] bytes;
        var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            bytes = await ReadAllAsync(body, cancellationToken).ConfigureAwait(false);
        }

        var buffered = new BufferedContent(bytes, bytes.Length);
        foreach (var header in original.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = buffered;
        original.Dispose();
    }

    /// <summary>
    /// The body in one array of its exact size. Growing a MemoryStream allocated about three times
    /// a page's size in discarded buffers, the largest single cost per message; pooled buffers
    /// grow instead, and only the result is allocated.
    /// </summary>
    private static async Task<byte[]> ReadAllAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, count).ToArray();
                }

                count += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
