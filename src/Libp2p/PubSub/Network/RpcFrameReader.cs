namespace DePinGpu.Libp2p.PubSub.Network;

/// <summary>
/// Reads <c>uvarint(length) ‖ RPC</c> frames from a pubsub stream through a small buffer. Frames above the limit
/// (4 MiB, js's default) and over-long length prefixes end the stream with <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class RpcFrameReader(Stream stream, int maxFrameLength)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next frame body, or null at a clean end of stream (between frames).</summary>
    public async ValueTask<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var length = await ReadLengthAsync(cancellationToken).ConfigureAwait(false);
        if (length is null)
        {
            return null;
        }

        var frame = new byte[length.Value];
        var filled = 0;
        while (filled < frame.Length)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new EndOfStreamException($"The stream ended inside a {frame.Length}-byte frame.");
            }

            var count = Math.Min(_end - _start, frame.Length - filled);
            _buffer.AsSpan(_start, count).CopyTo(frame.AsSpan(filled));
            _start += count;
            filled += count;
        }

        return frame;
    }

    private async ValueTask<int?> ReadLengthAsync(CancellationToken cancellationToken)
    {
        ulong value = 0;
        for (var index = 0; index < 5; index++)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return index == 0 ? null : throw new EndOfStreamException("The stream ended inside a frame length.");
            }

            var current = _buffer[_start++];
            value |= (ulong)(current & 0x7F) << (7 * index);
            if ((current & 0x80) == 0)
            {
                return value <= (ulong)maxFrameLength
                    ? (int)value
                    : throw new InvalidDataException($"A {value}-byte frame exceeds the limit of {maxFrameLength} bytes.");
            }
        }

        throw new InvalidDataException("A frame length prefix is longer than 5 bytes.");
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }
}
