using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs.Hamt;

/// <summary>An occupied bucket of a HAMT shard node: an entry (<see cref="EntryName"/> set) or a child shard (null).</summary>
/// <param name="Index">The bucket index.</param>
/// <param name="EntryName">The directory entry's name, or null when the link points to a child shard.</param>
/// <param name="Cid">The entry's or child shard's CID.</param>
/// <param name="CumulativeSize">The link's Tsize.</param>
internal sealed record HamtSlot(int Index, string? EntryName, Cid Cid, ulong CumulativeSize)
{
    public bool IsChildShard => EntryName is null;
}
