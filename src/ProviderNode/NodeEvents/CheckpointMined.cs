using System.Numerics;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>A checkpoint commit of a lease is on-chain.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">The epoch it was committed at.</param>
/// <param name="Step">Its step.</param>
/// <param name="Cid">Its CID.</param>
public sealed record CheckpointMined(BigInteger LeaseId, uint Epoch, ulong Step, Cid Cid) : INodeEvent;
