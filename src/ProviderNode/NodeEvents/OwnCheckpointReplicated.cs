using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// This node, a standby of the lease, fetched a checkpoint, verified every block and pinned it; the gossip subsystem
/// announces on the <c>checkpoints</c> topic that it holds it, which is what lets the active holder commit it.
/// </summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">The epoch the checkpoint was made at.</param>
/// <param name="Step">The checkpoint's step.</param>
/// <param name="Cid">The checkpoint's root CID.</param>
public sealed record OwnCheckpointReplicated(BigInteger LeaseId, uint Epoch, ulong Step, Cid Cid) : INodeEvent;
