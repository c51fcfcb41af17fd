using System.Buffers.Binary;
using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// A session's transport under a test's control: reads come from <paramref name="readSide"/> (the test writes raw
/// frames to its other end); writes are recorded instead of sent, and while held each write waits for a permit
/// (<see cref="Release"/>), so a test decides when a flusher leaves the transport and whether its write fails. It
/// also records how many writes were inside it at once (the session must never write concurrently) and any write
/// attempted after the session disposed it.
/// </summary>
internal sealed class ScriptedTransport(Stream readSide) : Stream
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _written = new();
    private readonly SemaphoreSlim _permits = new(0);
    private readonly List<int> _writeSizes = [];
    private volatile bool _holding;
    private volatile string? _failWith;
    private volatile bool _disposed;
    private int _inside;
    private int _maxInside;
    private int _entered;
    private int _writesAfterDispose;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Writes that have entered the transport so far (held or not).</summary>
    public int Entered => Volatile.Read(ref _entered);

    /// <summary>The most writes that were inside the transport at the same time.</summary>
    public int MaxConcurrentWrites => Volatile.Read(ref _maxInside);

    public int WritesAfterDispose => Volatile.Read(ref _writesAfterDispose);

    /// <summary>The size of each write that reached the wire, in order (one batch per write).</summary>
    public List<int> WriteSizes()
    {
        lock (_gate)
        {
            return [.. _writeSizes];
        }
    }

    /// <summary>From now on every write waits for a permit.</summary>
    public void Hold() => _holding = true;

    /// <summary>Lets <paramref name="count"/> held (or future held) writes through.</summary>
    public void Release(int count = 1) => _permits.Release(count);

    /// <summary>Stops holding and lets every waiting write through.</summary>
    public void Open()
    {
        _holding = false;
        _permits.Release(64);
    }

    /// <summary>Makes every write that passes the gate from now on throw an <see cref="IOException"/> with this message.</summary>
    public void FailWritesWith(string message) => _failWith = message;

    /// <summary>The frame headers written so far, in wire order (payloads skipped).</summary>
    public List<(YamuxFrameType Type, YamuxFlags Flags, uint StreamId, uint Length)> Frames()
    {
        byte[] bytes;
        lock (_gate)
        {
            bytes = _written.ToArray();
        }

        var frames = new List<(YamuxFrameType, YamuxFlags, uint, uint)>();
        for (var offset = 0; offset + 12 <= bytes.Length;)
        {
            var header = bytes.AsSpan(offset, 12);
            var type = (YamuxFrameType)header[1];
            var length = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
            frames.Add((type, (YamuxFlags)BinaryPrimitives.ReadUInt16BigEndian(header[2..]), BinaryPrimitives.ReadUInt32BigEndian(header[4..]), length));
            offset += 12 + (type == YamuxFrameType.Data ? (int)length : 0);
        }

        return frames;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        readSide.ReadAsync(buffer, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => readSide.Read(buffer, offset, count);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _entered);
        var inside = Interlocked.Increment(ref _inside);
        InterlockedMax(ref _maxInside, inside);
        try
        {
            if (_disposed)
            {
                Interlocked.Increment(ref _writesAfterDispose);
                throw new ObjectDisposedException(nameof(ScriptedTransport));
            }

            if (_holding)
            {
                await _permits.WaitAsync(cancellationToken);
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_failWith is { } message)
            {
                throw new IOException(message);
            }

            lock (_gate)
            {
                _written.Write(buffer.Span);
                _writeSizes.Add(buffer.Length);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _permits.Release(64);
            readSide.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
