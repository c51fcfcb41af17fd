using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>A node of a file's DAG as its parent links to it: CID, file bytes below it, cumulative block bytes (Tsize).</summary>
internal readonly record struct FileNodeInfo(Cid Cid, ulong FileSize, ulong Tsize);
