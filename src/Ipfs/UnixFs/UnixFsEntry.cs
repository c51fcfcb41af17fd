using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>One entry of a UnixFS directory as its link describes it.</summary>
/// <param name="Name">The entry name (validated: a single safe path segment).</param>
/// <param name="Cid">The entry's root CID.</param>
/// <param name="CumulativeSize">The link's Tsize (as announced by the directory; not verified until read).</param>
public sealed record UnixFsEntry(string Name, Cid Cid, ulong CumulativeSize);
