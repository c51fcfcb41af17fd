using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>What a UnixFS root is: its type and, for files, the byte length (from the verified root block).</summary>
/// <param name="Cid">The CID examined.</param>
/// <param name="Type">File (raw leaves report File too), Directory, Symlink or HamtShard.</param>
/// <param name="FileSize">File length in bytes; 0 for other types.</param>
/// <param name="SymlinkTarget">The target text of a Symlink node, otherwise null.</param>
public sealed record UnixFsStat(Cid Cid, UnixFsType Type, ulong FileSize, string? SymlinkTarget);
