namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// The node cannot reach the chain through any RPC endpoint (published once per loss). Workloads keep running;
/// nothing is committed until <see cref="ChainRegained"/>.
/// </summary>
/// <param name="Since">When the first probe failed (UTC).</param>
public sealed record ChainLost(DateTimeOffset Since) : INodeEvent;
