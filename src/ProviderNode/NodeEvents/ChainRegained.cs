namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// The chain answers again and every active lease was read back from it: leases that moved while the node was cut off
/// were ended first (<see cref="LeaseMovedAway"/>), and commits go out again.
/// </summary>
/// <param name="LastMinedHeartbeat">The provider's last heartbeat recorded on-chain.</param>
public sealed record ChainRegained(DateTimeOffset LastMinedHeartbeat) : INodeEvent;
