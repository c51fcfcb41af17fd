using DePinGpu.ProviderNode.NodeEvents;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>A provider's capacity announcement and when this node received it.</summary>
/// <param name="Capacity">The validated announcement.</param>
/// <param name="SeenAt">When it arrived (this node's clock).</param>
public sealed record CapacitySighting(PeerCapacitySeen Capacity, DateTimeOffset SeenAt);
