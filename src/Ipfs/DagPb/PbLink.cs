using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.DagPb;

/// <summary>
/// A dag-pb link (<c>PBLink</c>): the child's CID, an optional name and an optional cumulative size (Tsize).
/// A null <see cref="Name"/> is absent on the wire; an empty one is written as <c>12 00</c>, which UnixFS file nodes need
/// for Kubo-identical CIDs.
/// </summary>
/// <param name="Hash">The child's CID.</param>
/// <param name="Name">The link name (UTF-8 on the wire), or null when absent.</param>
/// <param name="Tsize">The child's cumulative DAG size in bytes, or null when absent.</param>
public sealed record PbLink(Cid Hash, string? Name, ulong? Tsize);
