namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// A write-only pass-through that counts bytes and throws <see cref="ResponseLimitException"/> before the total would
/// exceed the limit, so a CAR response never grows past <see cref="GatewayOptions.MaxCarBytes"/>. It does not own the
/// destination (the response body belongs to the server).
/// </summary>
internal sealed class ByteLimitStream : Stream
{
    private readonly Stream _destination;
    private readonly long _limit;

    public ByteLimitStream(Stream destination, long limit)
    {
        _destination = destination;
        _limit = limit;
    }

    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer.Length);
        _destination.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Length);
        return _destination.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => _destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _destination.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Count(int length)
    {
        if (BytesWritten + length > _limit)
        {
            throw new ResponseLimitException($"the response would exceed the gateway's limit of {_limit} bytes");
        }

        BytesWritten += length;
    }
}
