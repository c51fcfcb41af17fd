using DePinGpu.Libp2p.Buffers;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// An application stream on a connection, after protocol negotiation. Use it as a <see cref="Stream"/>;
/// <see cref="CloseWriteAsync"/> half-closes (the remote reads end-of-stream), <see cref="Reset"/> aborts, and
/// disposing closes the write side and discards unread data. One reader and one writer may use it at a time.
/// </summary>
public sealed class Libp2pStream : Stream, IGatherWriter
{
    private readonly YamuxStream _inner;

    internal Libp2pStream(YamuxStream inner, string protocol, Libp2pConnection connection)
    {
        _inner = inner;
        Protocol = protocol;
        Connection = connection;
    }

    /// <summary>The negotiated protocol id.</summary>
    public string Protocol { get; }

    /// <summary>The connection carrying the stream.</summary>
    public Libp2pConnection Connection { get; }

    /// <summary>The remote peer.</summary>
    public PeerId RemotePeer => Connection.RemotePeer;

    /// <summary>True when the remote opened the stream.</summary>
    public bool IsInbound => _inner.IsInbound;

    /// <summary>True once the remote half-closed its side.</summary>
    public bool IsRemoteWriteClosed => _inner.IsRemoteWriteClosed;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Sends FIN after all earlier writes; reading stays possible.</summary>
    public Task CloseWriteAsync(CancellationToken cancellationToken = default) => _inner.CloseWriteAsync(cancellationToken);

    /// <summary>Aborts the stream in both directions (RST).</summary>
    public void Reset() => _inner.Reset();

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<ReadOnlyMemory<byte>> pieces, CancellationToken cancellationToken = default) => _inner.WriteAsync(pieces, cancellationToken);

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override string ToString() => $"{Protocol} stream with {RemotePeer}";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
