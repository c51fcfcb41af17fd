using System.IO.Pipelines;

namespace DePinGpu.Libp2p.Tests.Support;

/// <summary>
/// Two connected in-memory byte streams (one <see cref="Pipe"/> per direction), for socket-free tests of each
/// layer. Disposing one end completes its outgoing pipe, so the other end reads end-of-stream.
/// </summary>
internal sealed class InMemoryDuplex : Stream
{
    private readonly Stream _reader;
    private readonly PipeWriter _writer;
    private readonly Stream _writerStream;

    private InMemoryDuplex(PipeReader reader, PipeWriter writer)
    {
        _reader = reader.AsStream();
        _writer = writer;
        _writerStream = writer.AsStream();
    }

    /// <summary>Creates the two ends; <paramref name="pauseThreshold"/> bounds what a writer may buffer unread.</summary>
    public static (InMemoryDuplex Left, InMemoryDuplex Right) CreatePair(long pauseThreshold = 1 << 20)
    {
        var options = new PipeOptions(pauseWriterThreshold: pauseThreshold, resumeWriterThreshold: pauseThreshold / 2, useSynchronizationContext: false);
        var leftToRight = new Pipe(options);
        var rightToLeft = new Pipe(options);
        return (new InMemoryDuplex(rightToLeft.Reader, leftToRight.Writer), new InMemoryDuplex(leftToRight.Reader, rightToLeft.Writer));
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _reader.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _reader.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _writerStream.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _writerStream.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _writerStream.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _writerStream.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _writerStream.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.Complete();
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }
}
