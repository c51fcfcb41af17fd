using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Model;

namespace DePinGpu.TenantCli.Chain;

/// <summary>Reads <see cref="LeaseStatus"/>es: the lease, its provider's heartbeat, its accrued pay and its event history (read forward between calls).</summary>
internal sealed class LeaseStatusReader
{
    private readonly MarketClient _market;
    private readonly RegistryClient _registry;
    private readonly LeaseHistory _history;

    /// <summary>Creates a reader for the deployment's market and registry; reads nothing yet.</summary>
    public LeaseStatusReader(ProtocolConnection chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _market = chain.Market();
        _registry = chain.Registry();
        _history = new LeaseHistory(chain);
    }

    /// <summary>The status of each of <paramref name="leases"/> at chain time <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<LeaseStatus>> ReadAsync(IReadOnlyList<LeaseDetails> leases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        await _history.UpdateAsync(cancellationToken).ConfigureAwait(false);
        var statuses = new List<LeaseStatus>(leases.Count);
        foreach (var lease in leases)
        {
            statuses.Add(await StatusAsync(lease, now, cancellationToken).ConfigureAwait(false));
        }

        return statuses;
    }

    /// <summary>The status of <paramref name="lease"/> at chain time <paramref name="now"/>.</summary>
    public async Task<LeaseStatus> ReadAsync(LeaseDetails lease, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ReadAsync([lease], now, cancellationToken).ConfigureAwait(false))[0];

    private async Task<LeaseStatus> StatusAsync(LeaseDetails lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var provider = lease.Provider is null ? null : await _registry.GetProviderAsync(lease.Provider, cancellationToken).ConfigureAwait(false);

        // A closed lease has been settled and refunded: nothing accrues any more.
        var accrued = lease.State == LeaseState.Closed ? 0 : (await _market.SettleableAsync(lease.LeaseId, cancellationToken).ConfigureAwait(false)).Amount;
        return new LeaseStatus(lease, now, provider?.LastHeartbeat, _history.LastCheckpoint(lease.LeaseId), _history.HandOvers(lease.LeaseId), accrued);
    }
}
