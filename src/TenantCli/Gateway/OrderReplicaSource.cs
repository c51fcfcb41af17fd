using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Keeps the gateway's replicas equal to the order's live leases: every interval it reads the order's leases from the
/// chain (so a hand-over, a reopening, a replacement or a close is seen within one interval; reading state is
/// idempotent, so a missed or repeated event cannot leave a stale replica) and asks each new lease's node for its
/// service address. A lease that closed or moved drops out at once; a new one joins once its node serves it and a
/// health probe succeeded.
/// </summary>
internal sealed class OrderReplicaSource(MarketClient market, ProviderDirectory directory, NodeServiceClient nodes, BigInteger orderId, GatewayParts parts)
{
    private readonly Dictionary<string, ReplicaAddress> _known = [];

    /// <summary>Refreshes every <paramref name="interval"/> until cancelled; a failed refresh is reported and retried.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                parts.Events.Add("discovery-failed", null, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads the order's leases once and reconciles the replicas.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var leases = await market.GetOrderLeasesAsync(orderId, cancellationToken).ConfigureAwait(false);
        foreach (var refused in parts.Replicas.All.Where(replica => replica.TakeAddressRefused()))
        {
            // Its node no longer knows the address it gave (it lost its saved address): ask it for the current one.
            _known.Remove(refused.Address.Key);
        }

        var addresses = new List<ReplicaAddress>();
        foreach (var lease in leases.Where(lease => lease.State is LeaseState.Assigned or LeaseState.Running && lease.Provider is not null))
        {
            if (await AddressOfAsync(lease, cancellationToken).ConfigureAwait(false) is { } address)
            {
                addresses.Add(address);
            }
        }

        var (added, removed) = parts.Replicas.Reconcile(addresses);
        foreach (var replica in added)
        {
            parts.Events.Add("replica-added", replica, $"provider {replica.Address.Provider} at {replica.Address.Prefix.Authority}");
        }

        foreach (var replica in removed)
        {
            if (_known.TryGetValue(replica.Address.Key, out var current) && current != replica.Address)
            {
                parts.Events.Add("replica-readdressed", replica, $"its node serves it at a new address now ({current.Prefix.Authority})");
                continue;
            }

            _known.Remove(replica.Address.Key);
            parts.Events.Add("replica-removed", replica, "its lease closed or moved to another provider");
        }
    }

    private async Task<ReplicaAddress?> AddressOfAsync(LeaseDetails lease, CancellationToken cancellationToken)
    {
        var key = $"{lease.LeaseId}/{lease.Epoch}";
        if (_known.TryGetValue(key, out var known) && string.Equals(known.Provider, lease.Provider, StringComparison.OrdinalIgnoreCase))
        {
            return known;
        }

        try
        {
            var api = await directory.ApiOfAsync(lease.Provider!, cancellationToken).ConfigureAwait(false);
            if (await nodes.FindAsync(api, lease.LeaseId, cancellationToken).ConfigureAwait(false) is not { } service || service.Epoch != lease.Epoch)
            {
                return null;
            }

            parts.Replicas.Traits ??= new ServiceTraits(service.HealthPath, service.Idempotent);
            var address = new ReplicaAddress(lease.LeaseId, lease.Epoch, lease.Provider!, new Uri(service.Url.ToString().TrimEnd('/')));
            _known[key] = address;
            return address;
        }
        catch (Exception exception) when (exception is HttpRequestException or CliException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            parts.Events.Add("discovery-failed", null, $"lease {lease.LeaseId}: {exception.Message}");
            return null;
        }
    }
}
