using System.Text;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.Ipfs.Tests.Kubo;

/// <summary>
/// HTTP/1.1 chunked framing written by the stand-in itself, so it can end a 200 response with a trailer the way Kubo's Go
/// server does (<c>0\r\nX-Stream-Error: …\r\n\r\n</c>); Kestrel emits trailers only for HTTP/2, but leaves the framing to the
/// application when the application sets <c>Transfer-Encoding: chunked</c> itself.
/// </summary>
internal sealed class ChunkedTrailerStream : Stream
{
    private readonly Stream _body;

    private ChunkedTrailerStream(Stream body)
    {
        _body = body;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Sets the headers (before anything is written) and returns the framing stream.</summary>
    public static ChunkedTrailerStream Start(HttpResponse response, string trailerName)
    {
        response.Headers.TransferEncoding = "chunked";
        response.Headers["Trailer"] = trailerName;
        return new ChunkedTrailerStream(response.Body);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        await _body.WriteAsync(Encoding.ASCII.GetBytes($"{buffer.Length:x}\r\n"), cancellationToken);
        await _body.WriteAsync(buffer, cancellationToken);
        await _body.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Writes the last chunk with the trailer (or none).</summary>
    public async Task FinishAsync(string? trailerName, string? trailerValue)
    {
        var trailer = trailerName is null ? string.Empty : $"{trailerName}: {trailerValue}\r\n";
        await _body.WriteAsync(Encoding.ASCII.GetBytes($"0\r\n{trailer}\r\n"));
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _body.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
