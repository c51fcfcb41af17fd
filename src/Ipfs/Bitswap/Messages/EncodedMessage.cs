using System.Buffers;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// One message ready for the wire: <c>uvarint(length) ‖ body</c> in pooled memory. Dispose it once it has been written;
/// <see cref="Frame"/> must not be used afterwards.
/// </summary>
public sealed class EncodedMessage : IDisposable
{
    private byte[]? _buffer;

    private EncodedMessage(byte[] buffer, int frameLength, int bodyLength, int blockCount, long blockBytes)
    {
        _buffer = buffer;
        FrameLength = frameLength;
        BodyLength = bodyLength;
        BlockCount = blockCount;
        BlockBytes = blockBytes;
    }

    /// <summary>The length-prefixed bytes.</summary>
    public ReadOnlyMemory<byte> Frame => (_buffer ?? throw new ObjectDisposedException(nameof(EncodedMessage))).AsMemory(0, FrameLength);

    /// <summary>Length of <see cref="Frame"/>.</summary>
    public int FrameLength { get; }

    /// <summary>Length of the protobuf body (the value of the prefix).</summary>
    public int BodyLength { get; }

    /// <summary>Blocks in the message.</summary>
    public int BlockCount { get; }

    /// <summary>Block bytes in the message.</summary>
    public long BlockBytes { get; }

    /// <summary>Encodes <paramref name="message"/> with its length prefix into pooled memory.</summary>
    public static EncodedMessage Create(BitswapMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bodyLength = BitswapMessageEncoder.GetEncodedLength(message);
        var prefixLength = Varint.SizeOf((ulong)bodyLength);
        var buffer = ArrayPool<byte>.Shared.Rent(prefixLength + bodyLength);
        Varint.Write((ulong)bodyLength, buffer);
        var written = BitswapMessageEncoder.Encode(message, buffer.AsSpan(prefixLength, bodyLength));
        if (written != bodyLength)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new InvalidOperationException($"Bitswap encoder wrote {written} bytes where it computed {bodyLength}.");
        }

        long blockBytes = 0;
        foreach (var block in message.Blocks)
        {
            blockBytes += block.Data.Length;
        }

        return new EncodedMessage(buffer, prefixLength + bodyLength, bodyLength, message.Blocks.Count, blockBytes);
    }

    /// <summary>Returns the memory to the pool.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
