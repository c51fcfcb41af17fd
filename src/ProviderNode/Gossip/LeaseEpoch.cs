using System.Numerics;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>A lease and the epoch at which a node runs it (the fencing pair every lease-scoped message names).</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">The epoch.</param>
public readonly record struct LeaseEpoch(BigInteger LeaseId, uint Epoch);
