namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// A reorg replaced blocks the node had read: everything it learned from blocks after <paramref name="CanonicalBlock"/>
/// (up to <paramref name="ReachedBlock"/>) may be gone, a lease reassignment included, so its leases are read back.
/// </summary>
/// <param name="ReachedBlock">The newest block the node had read before the reorg.</param>
/// <param name="CanonicalBlock">The newest block it had read that is still canonical.</param>
public sealed record ChainRolledBack(ulong ReachedBlock, ulong CanonicalBlock) : INodeEvent;
