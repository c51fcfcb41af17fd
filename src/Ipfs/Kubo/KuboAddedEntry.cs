using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>One line of Kubo's <c>add</c> answer: a file or directory it imported.</summary>
/// <param name="Name">The path as sent (for a wrapped add, the wrapper has an empty name).</param>
/// <param name="Cid">The entry's CID.</param>
/// <param name="Size">The cumulative size (all block bytes of the entry's DAG) Kubo reports.</param>
public sealed record KuboAddedEntry(string Name, Cid Cid, ulong Size);
