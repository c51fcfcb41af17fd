using System.Buffers;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// Content-addressed block storage used by the importer, exporter, CAR, pins, GC, Bitswap and the gateway.
/// Implementations are thread-safe. CIDv0 and the CIDv1 dag-pb CID with the same multihash name the same block.
/// Reads may be verified by the implementation; callers that must not trust the store (the exporter, the CAR writer)
/// verify again. Identity-multihash CIDs carry their bytes inline: every store reports them present without storing them.
/// </summary>
public interface IBlockStore
{
    /// <summary>True when the block is stored.</summary>
    ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>The block's bytes, or null when it is not stored. A stored copy found corrupt throws <see cref="CorruptBlockException"/>.</summary>
    ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="GetAsync"/> but into pooled memory: dispose the result to return it. The memory's length is
    /// exactly the block size. For hot paths (export, CAR, Bitswap) that read many 256 KiB blocks. The memory must only
    /// be read: a store may lend its own copy of the block instead of a pooled one.
    /// </summary>
    ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>The block's size in bytes, or null when it is not stored.</summary>
    ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Stores a verified block; returns false when it was already stored. The data is copied before completion.</summary>
    ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default);

    /// <summary>Removes a block; returns false when it was not stored. Pins are not consulted (GC does that).</summary>
    ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Every stored CID (as CIDv1), in no particular order; blocks added or removed meanwhile may or may not appear.</summary>
    IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes every block put so far durable (per the store's fsync policy); import sessions call it on commit.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Current block count and byte total.</summary>
    BlockStoreUsage GetUsage();
}
