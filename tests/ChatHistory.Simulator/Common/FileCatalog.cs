using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ChatHistory.Simulator.Common;

/// <summary>One file a platform serves: its bytes are a pure function of platform, id and size.</summary>
public sealed record SimulatedFile(string Platform, string Id, string Name, long Size)
{
    /// <summary>The content, generated as it is read: SHA-256 of "{platform}/{id}/{block}" for each 32-byte block.</summary>
    public Stream OpenRead() => new GeneratedStream(this);

    public string Sha256()
    {
        using var stream = OpenRead();
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    internal void FillBlock(long block, Span<byte> destination) =>
        SHA256.HashData(Encoding.ASCII.GetBytes($"{Platform}/{Id}/{block}"), destination);

    private sealed class GeneratedStream(SimulatedFile file) : Stream
    {
        private readonly byte[] block = new byte[32];
        private long position;
        private long blockIndex = -1;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => file.Size;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length && position < file.Size)
            {
                var index = position / 32;
                if (index != blockIndex)
                {
                    file.FillBlock(index, block);
                    blockIndex = index;
                }

                var inBlock = (int)(position % 32);
                var take = (int)Math.Min(Math.Min(32 - inBlock, buffer.Length - written), file.Size - position);
                block.AsSpan(inBlock, take).CopyTo(buffer[written..]);
                written += take;
                position += take;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The files one platform serves, by id.</summary>
public sealed class FileCatalog(string platform)
{
    private readonly ConcurrentDictionary<string, SimulatedFile> files = new(StringComparer.Ordinal);

    public string Platform => platform;

    public SimulatedFile Add(string id, string name, long size) => files[id] = new SimulatedFile(platform, id, name, size);

    /// <summary>Lists a file another catalog serves, bytes and all (a link that redirects to it).</summary>
    public SimulatedFile Add(SimulatedFile file) => files[file.Id] = file;

    public SimulatedFile? Find(string id) => files.GetValueOrDefault(id);
}
