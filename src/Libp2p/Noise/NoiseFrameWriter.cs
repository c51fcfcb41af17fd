using System.Buffers;
using System.Buffers.Binary;

namespace DePinGpu.Libp2p.Noise;

/// <summary>
/// The sending half of a Noise transport channel: turns pieces of plaintext into <c>u16 length ‖ ciphertext ‖ tag</c>
/// messages in a pooled buffer and writes them to the transport. Large pieces are encrypted straight from the caller's
/// memory into whole messages, so a muxer's payload is never copied before encryption and each of its messages lines up
/// with the receiver's buffers; small pieces (frame headers, short messages) are gathered into one message and
/// encrypted in place. Not thread-safe: the caller serialises writes.
/// </summary>
internal sealed class NoiseFrameWriter
{
    /// <summary>Bytes a message adds to its plaintext: the length prefix and the tag.</summary>
    private const int Overhead = 2 + NoiseCipherState.TagLength;

    /// <summary>Most bytes given to one transport write (seven maximum-size messages; a power of two, as the pool rents).</summary>
    private const int MaxBufferSize = 512 * 1024;

    /// <summary>Pieces at least this long are encrypted where they lie instead of being gathered with their neighbours.</summary>
    private const int DirectPieceLength = 8 * 1024;

    private readonly Stream _transport;
    private readonly NoiseCipherState _sending;

    public NoiseFrameWriter(Stream transport, NoiseCipherState sending)
    {
        _transport = transport;
        _sending = sending;
    }

    public async ValueTask WriteAsync(IReadOnlyList<ReadOnlyMemory<byte>> pieces, CancellationToken cancellationToken)
    {
        var total = 0L;
        foreach (var piece in pieces)
        {
            total += piece.Length;
        }

        if (total == 0)
        {
            return;
        }

        // An upper bound of what the pieces take as messages: a small write rents a small buffer, and a buffer capped at
        // MaxBufferSize still holds a whole maximum-size message.
        var estimate = total + (((total / NoiseSecureStream.MaxPlaintextLength) + pieces.Count + 1) * Overhead);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(estimate, MaxBufferSize));
        try
        {
            var (index, offset) = (0, 0);
            while (index < pieces.Count)
            {
                var filled = Fill(pieces, ref index, ref offset, buffer);
                await _transport.WriteAsync(buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Encrypts pieces from (<paramref name="index"/>, <paramref name="offset"/>) on into <paramref name="buffer"/> until
    /// it is full or the pieces end; returns the bytes filled and leaves the position where it stopped.
    /// </summary>
    private int Fill(IReadOnlyList<ReadOnlyMemory<byte>> pieces, ref int index, ref int offset, Span<byte> buffer)
    {
        var filled = 0;
        var gathered = -1;
        var gatheredLength = 0;
        while (index < pieces.Count)
        {
            var piece = pieces[index].Span;
            if (offset == piece.Length)
            {
                (index, offset) = (index + 1, 0);
                continue;
            }

            if (piece.Length >= DirectPieceLength)
            {
                if (gathered >= 0)
                {
                    filled = Seal(buffer, gathered, gatheredLength);
                    gathered = -1;
                }

                var chunk = Math.Min(piece.Length - offset, NoiseSecureStream.MaxPlaintextLength);
                if (buffer.Length - filled < Overhead + chunk)
                {
                    break;
                }

                filled += EncryptMessage(piece.Slice(offset, chunk), buffer[filled..]);
                offset += chunk;
                continue;
            }

            if (gathered < 0)
            {
                if (buffer.Length - filled <= Overhead)
                {
                    break;
                }

                (gathered, gatheredLength) = (filled, 0);
            }

            var room = Math.Min(NoiseSecureStream.MaxPlaintextLength - gatheredLength, buffer.Length - gathered - Overhead - gatheredLength);
            if (room == 0)
            {
                filled = Seal(buffer, gathered, gatheredLength);
                gathered = -1;
                continue;
            }

            var count = Math.Min(room, piece.Length - offset);
            piece.Slice(offset, count).CopyTo(buffer[(gathered + 2 + gatheredLength)..]);
            gatheredLength += count;
            offset += count;
        }

        return gathered >= 0 ? Seal(buffer, gathered, gatheredLength) : filled;
    }

    /// <summary>Encrypts the plaintext gathered at <paramref name="start"/> in place; returns where the message ends.</summary>
    private int Seal(Span<byte> buffer, int start, int plaintextLength)
    {
        var plaintext = buffer.Slice(start + 2, plaintextLength);
        return start + EncryptMessage(plaintext, buffer[start..]);
    }

    /// <summary>Writes one message for <paramref name="plaintext"/> at the start of <paramref name="destination"/>; returns its size.</summary>
    private int EncryptMessage(ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(plaintext.Length + NoiseCipherState.TagLength));
        _sending.Encrypt(ReadOnlySpan<byte>.Empty, plaintext, destination.Slice(2, plaintext.Length + NoiseCipherState.TagLength));
        return Overhead + plaintext.Length;
    }
}
