using System.IO.Pipelines;

namespace DePinGpu.Libp2p.Tests.Support;

/// <summary>
/// Two connected in-memory byte streams (one <see cref="Pipe"/> per direction), for socket-free tests of each
/// layer. Disposing one end behaves like closing a socket: both directions end, pending and later reads on
/// either end see end-of-stream, and writes fail with <see cref="IOException"/>.
/// </summary>
internal sealed class InMemoryDuplex : Stream
{
    private readonly Stream _reader;
    private readonly PipeWriter _writer;
    private readonly PipeWriter _incomingWriter;
    private readonly Stream _writerStream;

    private InMemoryDuplex(PipeReader reader, PipeWriter writer, PipeWriter incomingWriter)
    {
        _reader = reader.AsStream(leaveOpen: true);
        _writer = writer;
        _incomingWriter = incomingWriter;
        _writerStream = writer.AsStream(leaveOpen: true);
    }

    /// <summary>Creates the two ends; <paramref name="pauseThreshold"/> bounds what a writer may buffer unread.</summary>
    public static (InMemoryDuplex Left, InMemoryDuplex Right) CreatePair(long pauseThreshold = 1 << 20)
    {
        var options = new PipeOptions(pauseWriterThreshold: pauseThreshold, resumeWriterThreshold: pauseThreshold / 2, useSynchronizationContext: false);
        var leftToRight = new Pipe(options);
        var rightToLeft = new Pipe(options);
        return (
            new InMemoryDuplex(rightToLeft.Reader, leftToRight.Writer, rightToLeft.Writer),
            new InMemoryDuplex(leftToRight.Reader, rightToLeft.Writer, leftToRight.Writer));
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

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _writerStream.WriteAsync(buffer, cancellationToken);
        }
        catch (Exception exception) when (IsClosedFailure(exception, cancellationToken))
        {
            throw new IOException("The in-memory connection is closed.", exception);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _writerStream.Flush();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _writerStream.FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (IsClosedFailure(exception, cancellationToken))
        {
            throw new IOException("The in-memory connection is closed.", exception);
        }
    }

    /// <summary>
    /// A write on a closed connection fails with <see cref="InvalidOperationException"/> (writer completed) or, when
    /// it was waiting for room, with a cancelled flush; a cancellation the caller asked for stays what it is.
    /// </summary>
    private static bool IsClosedFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is InvalidOperationException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A socket's close fails writes blocked on a full buffer at both ends; a pipe's completion alone leaves a
            // flush waiting for room forever, so the pending flushes are cancelled first (the writers see them fail).
            _writer.CancelPendingFlush();
            _incomingWriter.CancelPendingFlush();
            _writer.Complete();
            _incomingWriter.Complete();
        }

        base.Dispose(disposing);
    }
}
