using System.Buffers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Tests.Support;

/// <summary>
/// A block store that hands out one block with a flipped byte: what a faulty or hostile peer serves. Everything else is
/// the inner store's.
/// </summary>
public sealed class CorruptingBlockStore(IBlockStore inner, Cid corrupted) : IBlockStore
{
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => inner.HasAsync(cid, cancellationToken);

    public async ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Corrupt(cid, await inner.GetAsync(cid, cancellationToken));

    public async ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Corrupt(cid, await inner.GetAsync(cid, cancellationToken)) is { } bytes ? new ArrayOwner(bytes) : null;

    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) => inner.GetSizeAsync(cid, cancellationToken);

    public ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default) => inner.PutAsync(block, cancellationToken);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => inner.EnumerateAsync(cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public BlockStoreUsage GetUsage() => inner.GetUsage();

    private byte[]? Corrupt(Cid cid, byte[]? bytes)
    {
        if (bytes is null || !cid.Equals(corrupted))
        {
            return bytes;
        }

        var copy = bytes.ToArray();
        copy[^1] ^= 0x5A;
        return copy;
    }

    private sealed class ArrayOwner(byte[] bytes) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => bytes;

        public void Dispose()
        {
        }
    }
}
