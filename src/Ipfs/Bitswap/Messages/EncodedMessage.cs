using System.Buffers;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// One message ready for the wire, <c>uvarint(length) ‖ body</c>, as <see cref="Pieces"/> to write in order: the
/// message's own bytes in pooled memory and, between them, the bytes of large blocks where they already lie (the
/// store's memory), so sending a block does not copy it into the message first. Dispose it once it has been written:
/// that returns the pooled memory and releases the blocks' owners; <see cref="Pieces"/> must not be used afterwards.
/// </summary>
public sealed class EncodedMessage : IDisposable
{
    /// <summary>Blocks at least this long are sent where they lie; smaller ones are copied into the message.</summary>
    public const int MinimumGatheredBlockLength = 16 * 1024;

    private readonly ReadOnlyMemory<byte>[] _pieces;
    private readonly IReadOnlyList<IDisposable> _owners;
    private byte[]? _envelope;

    private EncodedMessage(byte[] envelope, ReadOnlyMemory<byte>[] pieces, IReadOnlyList<IDisposable> owners, int bodyLength, BitswapMessage message)
    {
        _envelope = envelope;
        _pieces = pieces;
        _owners = owners;
        BodyLength = bodyLength;
        FrameLength = Varint.SizeOf((ulong)bodyLength) + bodyLength;
        BlockCount = message.Blocks.Count;
        BlockBytes = message.Blocks.Sum(block => (long)block.Data.Length);
    }

    /// <summary>The length-prefixed message, in pieces to be written in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Pieces => _envelope is null ? throw new ObjectDisposedException(nameof(EncodedMessage)) : _pieces;

    /// <summary>Length of the whole message with its prefix (the sum of <see cref="Pieces"/>).</summary>
    public int FrameLength { get; }

    /// <summary>Length of the protobuf body (the value of the prefix).</summary>
    public int BodyLength { get; }

    /// <summary>Blocks in the message.</summary>
    public int BlockCount { get; }

    /// <summary>Block bytes in the message.</summary>
    public long BlockBytes { get; }

    /// <summary>Encodes <paramref name="message"/>, copying every block into the message.</summary>
    public static EncodedMessage Create(BitswapMessage message) => Create(message, []);

    /// <summary>
    /// Encodes <paramref name="message"/>; blocks of <see cref="MinimumGatheredBlockLength"/> bytes or more stay in their
    /// memory, which <paramref name="owners"/> keep valid. The message takes the owners and disposes them with itself.
    /// </summary>
    public static EncodedMessage Create(BitswapMessage message, IReadOnlyList<IDisposable> owners)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(owners);
        var bodyLength = BitswapMessageEncoder.GetEncodedLength(message);
        var prefixLength = Varint.SizeOf((ulong)bodyLength);
        var gathered = message.Blocks.Where(block => block.Data.Length >= MinimumGatheredBlockLength).Sum(block => block.Data.Length);
        var envelopeLength = prefixLength + bodyLength - gathered;
        var envelope = ArrayPool<byte>.Shared.Rent(envelopeLength);
        try
        {
            Varint.Write((ulong)bodyLength, envelope);
            var blockData = new List<(int Position, ReadOnlyMemory<byte> Data)>();
            var written = BitswapMessageEncoder.Encode(message, envelope.AsSpan(prefixLength, envelopeLength - prefixLength), blockData, MinimumGatheredBlockLength);
            if (written != envelopeLength - prefixLength)
            {
                throw new InvalidOperationException($"Bitswap encoder wrote {written} bytes where it computed {envelopeLength - prefixLength}.");
            }

            return new EncodedMessage(envelope, Interleave(envelope, prefixLength, envelopeLength, blockData), owners, bodyLength, message);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(envelope);
            throw;
        }
    }

    /// <summary>The whole message in one new array (for tests and diagnostics; sending uses <see cref="Pieces"/>).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[FrameLength];
        var offset = 0;
        foreach (var piece in Pieces)
        {
            piece.Span.CopyTo(bytes.AsSpan(offset));
            offset += piece.Length;
        }

        return bytes;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var envelope = Interlocked.Exchange(ref _envelope, null);
        if (envelope is null)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(envelope);
        foreach (var owner in _owners)
        {
            owner.Dispose();
        }
    }

    /// <summary>The envelope cut where each left-out block belongs, with the block in between.</summary>
    private static ReadOnlyMemory<byte>[] Interleave(byte[] envelope, int prefixLength, int envelopeLength, List<(int Position, ReadOnlyMemory<byte> Data)> blockData)
    {
        var pieces = new List<ReadOnlyMemory<byte>>((2 * blockData.Count) + 1);
        var start = 0;
        foreach (var (position, data) in blockData)
        {
            var cut = prefixLength + position;
            pieces.Add(envelope.AsMemory(start, cut - start));
            pieces.Add(data);
            start = cut;
        }

        if (start < envelopeLength || pieces.Count == 0)
        {
            pieces.Add(envelope.AsMemory(start, envelopeLength - start));
        }

        return [.. pieces];
    }
}
