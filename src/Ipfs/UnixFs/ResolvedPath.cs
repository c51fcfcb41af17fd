using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>Where a content path leads.</summary>
/// <param name="Target">The CID the path names.</param>
/// <param name="Traversed">The directory and shard blocks read on the way, in order (the root first).</param>
public sealed record ResolvedPath(Cid Target, IReadOnlyList<Cid> Traversed);
