using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// This node, the lease's active holder, imported and pinned a checkpoint of the lease; the gossip subsystem announces
/// it on the <c>checkpoints</c> topic so that the lease's standbys fetch it before it is committed.
/// </summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">The epoch this node holds it at.</param>
/// <param name="Step">The checkpoint's step.</param>
/// <param name="Cid">The imported folder's root CID.</param>
public sealed record OwnCheckpointImported(BigInteger LeaseId, uint Epoch, ulong Step, Cid Cid) : INodeEvent;
