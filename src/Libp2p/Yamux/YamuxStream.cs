using System.Diagnostics;
using System.Runtime.CompilerServices;
using DePinGpu.Libp2p.Buffers;
using DePinGpu.Libp2p.Threading;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>
/// One Yamux stream as a <see cref="Stream"/>. Reads block until data, end-of-stream (the remote's FIN) or a
/// reset; writes block while the remote's window is exhausted, so a slow reader stalls only its own stream.
/// One reader and one writer may use it concurrently. <see cref="CloseWriteAsync"/> half-closes (FIN),
/// <see cref="Reset"/> aborts (RST), and disposing closes the write side and stops reading.
/// </summary>
public sealed partial class YamuxStream : Stream, IGatherWriter
{
    private readonly YamuxSession _session;
    private readonly Lock _gate = new();
    private readonly AsyncSignal _readable = new();
    private readonly AsyncSignal _writable = new();
    private readonly WriteCompletion _writeCompletion = new();
    private readonly Queue<ArraySegment<byte>> _received = new();
    private readonly List<(YamuxHeader Header, ReadOnlyMemory<byte> Payload)> _gatheredFrames = [];
    private readonly ReadOnlyMemory<byte>[] _singlePiece = new ReadOnlyMemory<byte>[1];
    private int _headConsumed;
    private int _buffered;
    private int _receiveWindow = YamuxOptions.InitialWindowSize;
    private int _receiveCredit = YamuxOptions.InitialWindowSize;
    private long _sendWindow = YamuxOptions.InitialWindowSize;
    private bool _remoteWriteClosed;
    private bool _localWriteClosed;
    private bool _readAbandoned;
    private bool _removed;
    private Exception? _failure;
    private int _writing;
    private long _epochStartTimestamp = Stopwatch.GetTimestamp();

    private static readonly TimeSpan MinimumRoundTrip = TimeSpan.FromMilliseconds(1);

    internal YamuxStream(YamuxSession session, uint streamId, bool isInbound)
    {
        _session = session;
        StreamId = streamId;
        IsInbound = isInbound;
    }

    /// <summary>The Yamux stream id (odd when opened by the dialer, even when opened by the listener).</summary>
    public uint StreamId { get; }

    /// <summary>True when the remote opened the stream.</summary>
    public bool IsInbound { get; }

    /// <summary>True once the remote half-closed (no more data will arrive).</summary>
    public bool IsRemoteWriteClosed
    {
        get
        {
            lock (_gate)
            {
                return _remoteWriteClosed;
            }
        }
    }

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
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            var copied = 0;
            var windowUpdate = 0;
            lock (_gate)
            {
                if (_received.Count > 0)
                {
                    copied = CopyReceived(buffer.Span);
                    windowUpdate = TakeWindowUpdate();
                }
                else if (_remoteWriteClosed)
                {
                    return 0;
                }
                else if (_failure is not null)
                {
                    throw new IOException(_failure.Message, _failure);
                }
                else if (_readAbandoned)
                {
                    throw new ObjectDisposedException(nameof(YamuxStream));
                }
            }

            if (copied > 0)
            {
                if (windowUpdate > 0)
                {
                    _session.EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, StreamId, (uint)windowUpdate));
                }

                return copied;
            }

            await _readable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        BeginWrite();
        try
        {
            // Writes are serialised (BeginWrite), so one reusable one-piece list serves them all; cleared once written.
            _singlePiece[0] = buffer;
            await WriteFramedAsync(_singlePiece, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _singlePiece[0] = default;
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>
    /// Writes <paramref name="pieces"/> as consecutive Data frames that go out in one batch with no copy: each piece is
    /// framed where it lies (a piece may span frames, a frame holds one piece). Used to send a message whose large parts
    /// (blocks) live in other buffers than its small parts.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(IReadOnlyList<ReadOnlyMemory<byte>> pieces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        BeginWrite();
        try
        {
            await WriteFramedAsync(pieces, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Half-closes the stream: sends FIN once all earlier writes are on the wire. Reading stays possible.</summary>
    public async Task CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_localWriteClosed || _failure is not null)
            {
                return;
            }

            _localWriteClosed = true;
        }

        await _session.WriteFrameAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, StreamId, 0), ReadOnlyMemory<byte>.Empty, cancellationToken)
            .ConfigureAwait(false);
        RemoveIfFullyClosed();
    }

    /// <summary>Aborts the stream in both directions (RST); pending and later reads and writes fail.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = new IOException($"Stream {StreamId} was reset locally.");
            ReleaseReceived();
        }

        _readable.Set();
        _writable.Set();
        _session.EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, StreamId, 0));
        _session.RemoveStream(this);
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Closes the write side (FIN) if still open and stops reading; unread data is dropped.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Abandon();
        }

        base.Dispose(disposing);
    }
}
