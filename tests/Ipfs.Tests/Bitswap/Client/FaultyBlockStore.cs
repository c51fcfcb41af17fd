using System.Buffers;
using System.Collections.Concurrent;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// A test double of <see cref="IBlockStore"/> over a <see cref="MemoryBlockStore"/> whose puts and presence checks can
/// be made to fail or wait, to drive a fetch's store-failure paths; it records every put it was asked for.
/// </summary>
internal sealed class FaultyBlockStore : IBlockStore
{
    public MemoryBlockStore Inner { get; } = new();

    /// <summary>Runs before each put; throw to fail it, await to delay it.</summary>
    public Func<Block, ValueTask>? BeforePut { get; set; }

    /// <summary>Runs before each presence check with the caller's token.</summary>
    public Func<Cid, CancellationToken, Task>? BeforeHas { get; set; }

    public ConcurrentQueue<Cid> PutsAsked { get; } = new();

    public async ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        if (BeforeHas is { } before)
        {
            await before(cid, cancellationToken);
        }

        return await Inner.HasAsync(cid, cancellationToken);
    }

    public async ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        PutsAsked.Enqueue(block.Cid);
        if (BeforePut is { } before)
        {
            await before(block);
        }

        return await Inner.PutAsync(block, cancellationToken);
    }

    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => Inner.GetAsync(cid, cancellationToken);

    public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default) => Inner.RentAsync(cid, cancellationToken);

    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) => Inner.GetSizeAsync(cid, cancellationToken);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => Inner.DeleteAsync(cid, cancellationToken);

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => Inner.EnumerateAsync(cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => Inner.FlushAsync(cancellationToken);

    public BlockStoreUsage GetUsage() => Inner.GetUsage();
}
