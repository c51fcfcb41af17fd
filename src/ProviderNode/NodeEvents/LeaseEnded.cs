using System.Numerics;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>A lease closed or completed on-chain, whoever held it (a standby stops replicating it).</summary>
/// <param name="LeaseId">The lease.</param>
public sealed record LeaseEnded(BigInteger LeaseId) : INodeEvent;
