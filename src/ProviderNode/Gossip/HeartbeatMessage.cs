namespace DePinGpu.ProviderNode.Gossip;

/// <summary>A node's signed sign of life on the <c>heartbeats</c> topic, about once a second.</summary>
/// <param name="Header">Provider, sequence, time.</param>
/// <param name="Leases">The leases the node runs, each at the epoch it holds it (at most <see cref="GossipLimits.MaxHeartbeatLeases"/>).</param>
public sealed record HeartbeatMessage(GossipHeader Header, IReadOnlyList<LeaseEpoch> Leases);
