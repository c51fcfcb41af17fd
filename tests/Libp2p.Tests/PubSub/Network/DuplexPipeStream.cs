using System.IO.Pipelines;

namespace DePinGpu.Libp2p.Tests.PubSub.Network;

/// <summary>One end of an in-memory duplex byte stream (two pipes).</summary>
internal sealed class DuplexPipeStream(PipeReader reader, PipeWriter writer) : Stream
{
    private readonly Stream _reader = reader.AsStream();
    private readonly Stream _writer = writer.AsStream();

    public static (DuplexPipeStream First, DuplexPipeStream Second) CreatePair()
    {
        var forward = new Pipe();
        var backward = new Pipe();
        return (new DuplexPipeStream(backward.Reader, forward.Writer), new DuplexPipeStream(forward.Reader, backward.Writer));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _reader.ReadAsync(buffer, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _writer.WriteAsync(buffer, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public override void Flush() => _writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => _reader.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => _writer.Write(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.Dispose();
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }
}
