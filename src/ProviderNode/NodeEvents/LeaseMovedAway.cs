using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// The lease is no longer this provider's at <paramref name="Epoch"/>: reassigned, closed or completed. A workload
/// still running for it is killed at once.
/// </summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Epoch">The epoch this provider held (or a later one).</param>
/// <param name="Reason">Why (Completed for a completion).</param>
public sealed record LeaseMovedAway(BigInteger LeaseId, uint Epoch, LeaseReason Reason) : INodeEvent;
