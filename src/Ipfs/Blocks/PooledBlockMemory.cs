using System.Buffers;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>An exactly sized view of an <see cref="ArrayPool{T}"/> array; disposing returns the array.</summary>
internal sealed class PooledBlockMemory : IMemoryOwner<byte>
{
    private byte[]? _array;
    private readonly int _length;

    public PooledBlockMemory(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        _length = length;
    }

    public Memory<byte> Memory => _array is { } array
        ? array.AsMemory(0, _length)
        : throw new ObjectDisposedException(nameof(PooledBlockMemory));

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
