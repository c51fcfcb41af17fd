using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>The blocks of one encoded directory: a single node, or the nodes of a HAMT shard tree with the root last.</summary>
/// <param name="Blocks">Every block to store, children before parents.</param>
/// <param name="CumulativeSize">The directory's Tsize (its blocks plus every entry's Tsize).</param>
public sealed record DirectoryBlocks(IReadOnlyList<Block> Blocks, ulong CumulativeSize)
{
    /// <summary>The directory's CID.</summary>
    public Cid Root => Blocks[^1].Cid;
}
