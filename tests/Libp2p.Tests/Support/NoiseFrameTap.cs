namespace DePinGpu.Libp2p.Tests.Support;

/// <summary>A stream that records the length of every u16-prefixed Noise message read through it.</summary>
internal sealed class NoiseFrameTap(Stream inner) : Stream
{
    private readonly List<byte> _pending = [];

    public List<int> FrameLengths { get; } = [];

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        lock (_pending)
        {
            _pending.AddRange(buffer.Span[..read].ToArray());
            while (_pending.Count >= 2)
            {
                var length = (_pending[0] << 8) | _pending[1];
                if (_pending.Count < 2 + length)
                {
                    break;
                }

                FrameLengths.Add(length);
                _pending.RemoveRange(0, 2 + length);
            }
        }

        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
