using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using DePinGpu.Libp2p.Buffers;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Noise;

/// <summary>
/// A Noise transport channel over a byte stream: every message is <c>u16 big-endian length ‖ ciphertext ‖ tag</c>,
/// at most 65535 bytes, so writes are split into plaintext chunks of at most <see cref="MaxPlaintextLength"/>.
/// One reader and one writer may run concurrently; concurrent writes must be serialised by the caller.
/// Buffers are pooled and handed back while the connection is idle. A whole message is decrypted straight into the
/// reader's buffer when it fits there, so a reader that asks for whole messages (the muxer) gets them without a copy.
/// </summary>
public sealed class NoiseSecureStream : Stream, IGatherWriter
{
    /// <summary>Largest Noise message (length prefix excluded).</summary>
    public const int MaxMessageLength = ushort.MaxValue;

    /// <summary>Largest plaintext in one message.</summary>
    public const int MaxPlaintextLength = MaxMessageLength - NoiseCipherState.TagLength;

    private const int BufferSize = 256 * 1024;

    /// <summary>Bytes read without a pooled buffer while idle: the next frame's first bytes.</summary>
    private const int ProbeSize = 16;

    private readonly Stream _transport;
    private readonly NoiseCipherState _sending;
    private readonly NoiseCipherState _receiving;
    private readonly NoiseFrameWriter _writer;
    private readonly ReadOnlyMemory<byte>[] _singlePiece = new ReadOnlyMemory<byte>[1];
    private readonly byte[] _probe = new byte[ProbeSize];
    private byte[]? _receiveBuffer;
    private int _receiveStart;
    private int _receiveEnd;
    private int _plainOffset;
    private int _plainCount;
    private bool _disposed;

    internal NoiseSecureStream(Stream transport, NoiseCipherState sending, NoiseCipherState receiving, PublicKey remotePublicKey, IReadOnlyList<string> remoteStreamMuxers)
    {
        _transport = transport;
        _sending = sending;
        _receiving = receiving;
        _writer = new NoiseFrameWriter(transport, sending);
        RemotePublicKey = remotePublicKey;
        RemotePeerId = remotePublicKey.ToPeerId();
        RemoteStreamMuxers = remoteStreamMuxers;
    }

    /// <summary>The remote identity key proven during the handshake.</summary>
    public PublicKey RemotePublicKey { get; }

    /// <summary>The remote peer id (derived from <see cref="RemotePublicKey"/>).</summary>
    public PeerId RemotePeerId { get; }

    /// <summary>The muxers the remote listed for early muxer negotiation (empty if none).</summary>
    public IReadOnlyList<string> RemoteStreamMuxers { get; }

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

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_plainCount > 0)
            {
                return CopyPlaintext(buffer.Span);
            }

            var decrypted = TryDecryptFrame(buffer.Span);
            if (decrypted > 0)
            {
                return decrypted;
            }

            if (decrypted == 0)
            {
                continue;
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Writes are serialised by the caller, so one reusable one-piece list serves them all; it lets go of the
        // caller's memory once written.
        _singlePiece[0] = buffer;
        try
        {
            await _writer.WriteAsync(_singlePiece, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _singlePiece[0] = default;
        }
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<ReadOnlyMemory<byte>> pieces, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(pieces);
        return _writer.WriteAsync(pieces, cancellationToken);
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => _transport.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Flush() => _transport.Flush();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _transport.Dispose();
            _sending.Dispose();
            _receiving.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CopyPlaintext(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _plainCount);
        _receiveBuffer.AsSpan(_plainOffset, count).CopyTo(destination);
        _plainOffset += count;
        _plainCount -= count;
        if (_plainCount == 0 && _receiveStart == _receiveEnd)
        {
            ReleaseReceiveBuffer();
        }

        return count;
    }

    /// <summary>
    /// Decrypts the next buffered message: straight into <paramref name="destination"/> when its plaintext fits there
    /// (returns the bytes written), else in place for <see cref="CopyPlaintext"/> (returns 0); -1 when no whole message
    /// is buffered yet.
    /// </summary>
    private int TryDecryptFrame(Span<byte> destination)
    {
        var available = _receiveEnd - _receiveStart;
        if (available < 2)
        {
            return -1;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(_receiveBuffer.AsSpan(_receiveStart));
        if (available < 2 + length)
        {
            return -1;
        }

        if (length < NoiseCipherState.TagLength)
        {
            throw new Libp2pProtocolException($"A {length}-byte Noise message is shorter than its authentication tag.");
        }

        var frame = _receiveBuffer.AsSpan(_receiveStart + 2, length);
        var plaintextLength = length - NoiseCipherState.TagLength;
        var direct = plaintextLength > 0 && plaintextLength <= destination.Length;
        if (!_receiving.TryDecrypt(ReadOnlySpan<byte>.Empty, frame, direct ? destination : frame))
        {
            throw new Libp2pProtocolException("A Noise transport message failed authentication.");
        }

        _receiveStart += 2 + length;
        if (!direct)
        {
            _plainOffset = _receiveStart - length;
            _plainCount = plaintextLength;
            return 0;
        }

        if (_receiveStart == _receiveEnd)
        {
            ReleaseReceiveBuffer();
        }

        return plaintextLength;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_receiveBuffer is null)
        {
            // Wait for the next frame with only a tiny buffer, so idle connections hold no pooled memory.
            var probed = await _transport.ReadAsync(_probe, cancellationToken).ConfigureAwait(false);
            if (probed == 0)
            {
                return false;
            }

            _receiveBuffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            _probe.AsSpan(0, probed).CopyTo(_receiveBuffer);
            _receiveStart = 0;
            _receiveEnd = probed;
            return true;
        }

        if (_receiveStart > 0 && _receiveBuffer.Length - _receiveEnd < 2 + MaxMessageLength)
        {
            // Move the partial frame to the front so a whole maximum-size frame fits behind it.
            var pending = _receiveEnd - _receiveStart;
            _receiveBuffer.AsSpan(_receiveStart, pending).CopyTo(_receiveBuffer);
            _receiveStart = 0;
            _receiveEnd = pending;
        }

        var read = await _transport.ReadAsync(_receiveBuffer.AsMemory(_receiveEnd), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            if (_receiveEnd == _receiveStart)
            {
                ReleaseReceiveBuffer();
                return false;
            }

            throw new EndOfStreamException("The connection closed in the middle of a Noise message.");
        }

        _receiveEnd += read;
        return true;
    }

    private void ReleaseReceiveBuffer()
    {
        if (_receiveBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_receiveBuffer);
            _receiveBuffer = null;
        }

        _receiveStart = 0;
        _receiveEnd = 0;
        _plainOffset = 0;
    }
}
