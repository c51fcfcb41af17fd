using System.Buffers;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// A decoded message whose block bytes live in a pooled receive buffer: act on it (store the blocks, which copies
/// them), then dispose it. <see cref="Message"/> must not be used after disposal.
/// </summary>
public sealed class ReceivedMessage : IDisposable
{
    private byte[]? _buffer;

    internal ReceivedMessage(BitswapMessage message, byte[]? buffer, int size)
    {
        Message = message;
        _buffer = buffer;
        Size = size;
    }

    /// <summary>The decoded message.</summary>
    public BitswapMessage Message { get; }

    /// <summary>Encoded body size in bytes.</summary>
    public int Size { get; }

    /// <summary>Returns the receive buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
