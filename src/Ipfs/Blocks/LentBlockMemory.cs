using System.Buffers;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// A block a store lends out of its own memory instead of copying it: the bytes stay the store's, so disposing does
/// nothing, and the borrower only reads them (as <see cref="IBlockStore.RentAsync"/> requires).
/// </summary>
internal sealed class LentBlockMemory(byte[] data) : IMemoryOwner<byte>
{
    public Memory<byte> Memory { get; } = data;

    public void Dispose()
    {
        // Nothing to return: the memory belongs to the store, and the garbage collector keeps it alive while lent.
    }
}
