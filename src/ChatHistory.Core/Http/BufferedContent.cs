using System.Buffers;
using System.Net;

namespace ChatHistory.Http;

/// <summary>
/// A response body already read into memory by the retry handler, in a pooled buffer handed on
/// without another copy. Whoever parses it can take the buffer (<see cref="TakeBody"/>) and keep
/// it as long as the parsed document lives; otherwise it goes back to the pool with the response.
/// </summary>
internal sealed class BufferedContent : HttpContent
{
    private readonly int length;
    private byte[]? buffer;

    private BufferedContent(byte[] buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    private ReadOnlyMemory<byte> Body =>
        (buffer ?? throw new InvalidOperationException("The response body was handed to its parser and can no longer be read.")).AsMemory(0, length);

    /// <summary>Reads the response's body (cancellably) and puts it back as a BufferedContent.</summary>
    public static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        BufferedContent buffered;
        await using (body.ConfigureAwait(false))
        {
            var (bytes, count) = await ReadAllAsync(body, cancellationToken).ConfigureAwait(false);
            buffered = new BufferedContent(bytes, count);
        }

        foreach (var header in original.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = buffered;
        original.Dispose();
    }

    /// <summary>The body, now owned by the caller, who returns it with <see cref="PooledBody.Dispose"/>.</summary>
    public PooledBody TakeBody()
    {
        var taken = Interlocked.Exchange(ref buffer, null) ?? throw new InvalidOperationException("The response body was already taken.");
        return new PooledBody(taken, length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref buffer, null) is { } owned)
        {
            ArrayPool<byte>.Shared.Return(owned);
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The body in a pooled buffer that grows as it fills. Growing a MemoryStream allocated about
    /// three times a page's size in discarded buffers, the largest single cost per message.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream body, CancellationToken cancellationToken)
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
                    return (buffer, count);
                }

                count += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Body).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync()
    {
        var body = Body;
        return Task.FromResult<Stream>(new MemoryStream(buffer!, 0, body.Length, writable: false));
    }

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }
}

/// <summary>A response body in a pooled buffer; disposing returns the buffer, so nothing may read it after.</summary>
internal sealed class PooledBody(byte[] buffer, int length) : IDisposable
{
    private byte[]? owned = buffer;

    public ReadOnlyMemory<byte> Memory => (owned ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref owned, null) is { } returned)
        {
            ArrayPool<byte>.Shared.Return(returned);
        }
    }
}
