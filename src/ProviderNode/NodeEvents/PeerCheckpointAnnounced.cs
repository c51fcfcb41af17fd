using System.Numerics;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// Another node announced a checkpoint on the <c>checkpoints</c> topic, and the announcement passed validation (signed
/// by a registered, unjailed operator; for an import, the lease is the signer's at that epoch).
/// </summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">The epoch the checkpoint was made at.</param>
/// <param name="Step">The checkpoint's step.</param>
/// <param name="Cid">The checkpoint's root CID.</param>
/// <param name="Provider">The announcing provider's (owner) address, lower-case.</param>
/// <param name="Peer">The announcing node's peer id (where to fetch it from).</param>
/// <param name="Held">False: the lease's active holder imported it; true: a standby fetched and pinned it.</param>
public sealed record PeerCheckpointAnnounced(BigInteger LeaseId, uint Epoch, ulong Step, Cid Cid, string Provider, PeerId Peer, bool Held) : INodeEvent;
