using DePinGpu.ProviderNode.Gossip;

namespace DePinGpu.ProviderNode.Tests.Network;

/// <summary>A node's own state as a test sets it: the provider it serves, its leases and its capacity.</summary>
internal sealed class FixedGossipState(string provider, IReadOnlyList<LeaseEpoch> leases, LocalCapacity capacity) : ILocalGossipState
{
    public Task<string?> ProviderAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(provider);

    public IReadOnlyList<LeaseEpoch> RunningLeases() => leases;

    public LocalCapacity Capacity() => capacity;
}
