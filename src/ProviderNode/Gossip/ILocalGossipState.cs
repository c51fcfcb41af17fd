namespace DePinGpu.ProviderNode.Gossip;

/// <summary>What this node's own gossip says: who it is, the leases it runs and what it offers.</summary>
public interface ILocalGossipState
{
    /// <summary>The provider (owner) address this node's operator serves, lower-case; null while it is not registered (nothing is published then).</summary>
    Task<string?> ProviderAsync(CancellationToken cancellationToken);

    /// <summary>The leases the node runs now, each at the epoch it holds it.</summary>
    IReadOnlyList<LeaseEpoch> RunningLeases();

    /// <summary>What the node offers now.</summary>
    LocalCapacity Capacity();
}
