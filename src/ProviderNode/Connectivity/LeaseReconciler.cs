using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Clients;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>
/// Reads every lease the node holds back from the chain (after the chain was out of reach, and at start) and ends,
/// through <see cref="LeaseMovedAway"/>, every one that moved, closed or completed meanwhile: its workload is killed at
/// once by the lease service. Leases still held carry on untouched. Publishing twice is harmless (handlers are idempotent).
/// </summary>
public sealed class LeaseReconciler
{
    private readonly MarketClient _market;
    private readonly LeaseStore _store;
    private readonly NodeEventBus _bus;
    private readonly ILogger<LeaseReconciler> _logger;

    /// <summary>Creates the reconciler.</summary>
    public LeaseReconciler(MarketClient market, LeaseStore store, NodeEventBus bus, ILogger<LeaseReconciler> logger)
    {
        _market = market;
        _store = store;
        _bus = bus;
        _logger = logger;
    }

    /// <summary>Reads every active lease of <paramref name="owner"/>; returns how many were read and how many had moved.</summary>
    public async Task<(int Read, int Moved)> ReconcileAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var active = _store.Active();
        var moved = 0;
        foreach (var record in active)
        {
            var leaseId = BigInteger.Parse(record.Id, CultureInfo.InvariantCulture);
            var lease = await _market.GetLeaseAsync(leaseId, cancellationToken).ConfigureAwait(false);
            if (LeaseOnChain.IsHeldBy(lease, owner, record.Epoch))
            {
                continue;
            }

            moved++;
            ConnectivityLog.LeaseMovedWhileLost(_logger, record.Id, record.Epoch, lease?.State.ToString() ?? "unknown", lease?.Epoch ?? 0, lease?.Provider);
            _bus.Publish(new LeaseMovedAway(leaseId, (uint)record.Epoch, LeaseOnChain.ReasonGone(lease)));
        }

        return (active.Count, moved);
    }
}
