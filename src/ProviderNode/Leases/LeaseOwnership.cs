using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>
/// Whether a lease the node's records hold is still this provider's at that epoch, as the chain says. A restarted node
/// asks before it resumes a run, so that a node that was reported while it was down never restarts (or keeps) a workload
/// for an epoch it lost: a stale epoch is fenced on-chain anyway, but the workload would still waste the GPU and show
/// the tenant's data to a provider that no longer runs it.
/// </summary>
public sealed class LeaseOwnership
{
    private readonly MarketClient _market;
    private readonly ProviderAccount _account;

    /// <summary>Creates the check.</summary>
    public LeaseOwnership(MarketClient market, ProviderAccount account)
    {
        _market = market;
        _account = account;
    }

    /// <summary>
    /// The trigger that ends <paramref name="record"/> when the chain says the lease closed or is no longer this
    /// provider's at the record's epoch; null when it still is. RPC failures propagate (the caller decides).
    /// </summary>
    public async Task<LeaseTrigger?> LostTriggerAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var lease = await _market.GetLeaseAsync(BigInteger.Parse(record.Id, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        var owner = await _account.OwnerAsync(cancellationToken).ConfigureAwait(false);
        return Decide(record, lease, owner);
    }

    /// <summary>The decision of <see cref="LostTriggerAsync"/> from what the chain returned.</summary>
    public static LeaseTrigger? Decide(LeaseRecord record, LeaseDetails? lease, string? owner)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (lease is null)
        {
            return LeaseTrigger.ClosedOnChain;
        }

        if (lease.Epoch > record.Epoch || !string.Equals(lease.Provider, owner, StringComparison.OrdinalIgnoreCase))
        {
            return LeaseTrigger.MovedOnChain;
        }

        return lease.State switch
        {
            LeaseState.Closed when lease.CloseReason == LeaseReason.Completed => LeaseTrigger.CompletedOnChain,
            LeaseState.Closed => LeaseTrigger.ClosedOnChain,
            _ => null,
        };
    }
}
