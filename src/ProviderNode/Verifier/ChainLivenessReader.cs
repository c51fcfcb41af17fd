using System.Collections.Concurrent;
using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>Reads what the <see cref="LivenessBook"/> keeps from the chain: leases (with their order's timeout) and heartbeats.</summary>
public sealed class ChainLivenessReader
{
    private readonly MarketClient _market;
    private readonly RegistryClient _registry;
    private readonly ConcurrentDictionary<BigInteger, TimeSpan> _timeouts = new();

    /// <summary>Creates the reader.</summary>
    public ChainLivenessReader(MarketClient market, RegistryClient registry)
    {
        _market = market ?? throw new ArgumentNullException(nameof(market));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
    }

    /// <summary>The ids of the newest <paramref name="limit"/> leases (ids start at 1).</summary>
    public async Task<IReadOnlyList<BigInteger>> NewestLeaseIdsAsync(int limit, CancellationToken cancellationToken)
    {
        var count = await _market.LeaseCountAsync(cancellationToken).ConfigureAwait(false);
        var first = BigInteger.Max(BigInteger.One, count - limit + 1);
        var ids = new List<BigInteger>();
        for (var id = first; id <= count; id++)
        {
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>A lease as the book keeps it; its state is Closed (or None) when there is nothing to watch.</summary>
    public async Task<WatchedLease> ReadLeaseAsync(BigInteger leaseId, CancellationToken cancellationToken)
    {
        var lease = await _market.GetLeaseAsync(leaseId, cancellationToken).ConfigureAwait(false);
        if (lease is null || lease.State is LeaseState.Closed or LeaseState.None)
        {
            return new WatchedLease(leaseId, lease?.Epoch ?? 0, lease?.State ?? LeaseState.None, null, default, default, null, TimeSpan.Zero);
        }

        if (!_timeouts.TryGetValue(lease.OrderId, out var timeout))
        {
            // Fixed per order at creation: read once.
            timeout = await _market.HeartbeatTimeoutAsync(lease.OrderId, cancellationToken).ConfigureAwait(false);
            _timeouts[lease.OrderId] = timeout;
        }

        return new WatchedLease(lease.LeaseId, lease.Epoch, lease.State, lease.Provider, lease.StartedAt, lease.EndsAt, lease.ReassignDeadline, timeout, lease.AckDeadline);
    }

    /// <summary>The provider's last on-chain heartbeat (the epoch start when it never beat), or null when it is not registered.</summary>
    public async Task<DateTimeOffset?> ReadHeartbeatAsync(string provider, CancellationToken cancellationToken) =>
        (await _registry.GetProviderAsync(provider, cancellationToken).ConfigureAwait(false))?.LastHeartbeat;
}
