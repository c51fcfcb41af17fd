using System.IO.Pipelines;

namespace DePinGpu.Libp2p.Tests.PubSub.Network;

/// <summary>One end of an in-memory duplex byte stream (two pipes).</summary>
internal sealed class DuplexPipeStream : Stream
{
    private readonly Stream _reader;
    private readonly Stream _writer;
    private readonly PairReset _reset;

    private DuplexPipeStream(PipeReader reader, PipeWriter writer, PairReset reset)
    {
        _reader = reader.AsStream();
        _writer = writer.AsStream();
        _reset = reset;
    }

    public static (DuplexPipeStream First, DuplexPipeStream Second) CreatePair()
    {
        var forward = new Pipe();
        var backward = new Pipe();
        var reset = new PairReset(forward.Writer, backward.Writer);
        return (new DuplexPipeStream(backward.Reader, forward.Writer, reset), new DuplexPipeStream(forward.Reader, backward.Writer, reset));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Resets the pair, as a muxer does to the streams of a connection that closed: reads at both ends fail with an
    /// <see cref="IOException"/>, and so do later writes.
    /// </summary>
    public void Reset() => _reset.Reset();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _reader.ReadAsync(buffer, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _reset.ThrowIfReset();
        return _writer.WriteAsync(buffer, cancellationToken);
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        _reset.ThrowIfReset();
        return _writer.FlushAsync(cancellationToken);
    }

    public override void Flush()
    {
        _reset.ThrowIfReset();
        _writer.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => _reader.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count)
    {
        _reset.ThrowIfReset();
        _writer.Write(buffer, offset, count);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_reset.IsReset)
        {
            _writer.Dispose();
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The reset state both ends share.</summary>
    private sealed class PairReset(PipeWriter forward, PipeWriter backward)
    {
        private const string ResetMessage = "The stream was reset: its connection closed.";
        private int _reset;

        public bool IsReset => Volatile.Read(ref _reset) == 1;

        public void Reset()
        {
            if (Interlocked.Exchange(ref _reset, 1) == 0)
            {
                forward.Complete(new IOException(ResetMessage));
                backward.Complete(new IOException(ResetMessage));
            }
        }

        public void ThrowIfReset()
        {
            if (IsReset)
            {
                throw new IOException(ResetMessage);
            }
        }
    }
}
