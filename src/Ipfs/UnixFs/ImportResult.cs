using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>The outcome of importing a file, stream or folder.</summary>
/// <param name="Cid">The root CID (raw for a single-chunk file, dag-pb otherwise).</param>
/// <param name="ContentSize">File bytes imported (for a folder, the sum over its files).</param>
/// <param name="CumulativeSize">The root's Tsize: all block bytes of the DAG (the "Size" <c>ipfs add</c> reports).</param>
/// <param name="BlockCount">Blocks produced (repeated identical blocks counted each time).</param>
public sealed record ImportResult(Cid Cid, ulong ContentSize, ulong CumulativeSize, long BlockCount);
