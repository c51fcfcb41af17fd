using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// Who may read one lease's checkpoint: its current provider and standbys (peer ids from the chain) and its tenant
/// (an Ethereum address).
/// </summary>
/// <param name="LeaseId">The lease, as the chain names it (the key under which hand-overs update the grant).</param>
/// <param name="Root">The checkpoint's root CID (the one recorded on-chain).</param>
/// <param name="Peers">The peers allowed to fetch it by Bitswap.</param>
/// <param name="TenantAddress">The tenant's Ethereum address (0x + 40 hex digits).</param>
public sealed record CheckpointGrant(string LeaseId, Cid Root, IReadOnlySet<PeerId> Peers, string TenantAddress);
