using System.Buffers;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// Reads <c>uvarint(length) ‖ Message</c> frames from a stream, one at a time. The length is checked against the limit
/// before any body byte is buffered, so a peer cannot make the reader allocate more than one maximal message. Not
/// thread-safe: one reader per stream.
/// </summary>
public sealed class BitswapMessageReader
{
    private const int ReadAheadSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly BitswapMessageLimits _limits;
    private readonly byte[] _readAhead = new byte[ReadAheadSize];
    private int _start;
    private int _end;

    /// <summary>Reads from <paramref name="stream"/> under <paramref name="limits"/> (defaults when null).</summary>
    public BitswapMessageReader(Stream stream, BitswapMessageLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _limits = limits ?? BitswapMessageLimits.Default;
    }

    /// <summary>
    /// The next message, or null at a clean end of stream. A frame cut short, an over-long length or a malformed body
    /// throws <see cref="FormatException"/> (the stream should then be reset).
    /// </summary>
    public async ValueTask<ReceivedMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var length = await ReadLengthAsync(cancellationToken).ConfigureAwait(false);
        if (length is not { } bodyLength)
        {
            return null;
        }

        if (bodyLength == 0)
        {
            return new ReceivedMessage(new BitswapMessage(), null, 0);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(bodyLength);
        try
        {
            await FillAsync(buffer.AsMemory(0, bodyLength), cancellationToken).ConfigureAwait(false);
            var message = BitswapMessageDecoder.Decode(buffer.AsMemory(0, bodyLength), _limits);
            return new ReceivedMessage(message, buffer, bodyLength);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private async ValueTask<int?> ReadLengthAsync(CancellationToken cancellationToken)
    {
        var consumedBefore = 0;
        while (true)
        {
            var status = Varint.TryRead(_readAhead.AsSpan(_start, _end - _start), out var value, out var read);
            if (status == VarintStatus.Ok)
            {
                _start += read;
                return value <= (ulong)_limits.MaxMessageSize
                    ? (int)value
                    : throw new FormatException($"A peer announced a {value}-byte Bitswap message; the limit is {_limits.MaxMessageSize} bytes.");
            }

            if (status == VarintStatus.Invalid)
            {
                throw new FormatException("A Bitswap message length prefix is not a valid varint.");
            }

            consumedBefore = _end - _start;
            if (!await ReadMoreAsync(cancellationToken).ConfigureAwait(false))
            {
                return consumedBefore == 0
                    ? null
                    : throw new FormatException("The stream ended inside a Bitswap message length prefix.");
            }
        }
    }

    private async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _readAhead.AsSpan(_start, _end - _start).CopyTo(_readAhead);
            _end -= _start;
            _start = 0;
        }

        var read = await _stream.ReadAsync(_readAhead.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    private async ValueTask FillAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var buffered = Math.Min(_end - _start, destination.Length);
        _readAhead.AsSpan(_start, buffered).CopyTo(destination.Span);
        _start += buffered;
        var remaining = destination[buffered..];
        while (!remaining.IsEmpty)
        {
            var read = await _stream.ReadAsync(remaining, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new FormatException($"The stream ended {remaining.Length} bytes before the end of a {destination.Length}-byte Bitswap message.");
            }

            remaining = remaining[read..];
        }
    }
}
