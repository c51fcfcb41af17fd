using System.Numerics;
using System.Threading.Channels;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Keeps the gateway's replicas equal to the order's live leases. It re-reads the order's leases from the chain at once
/// whenever the <see cref="OrderEventWatcher"/> sees an event touching the order (a lease handed over, reopened,
/// replaced or closed), and every reconcile interval regardless, as a safety net for a missed event or a reorg (reading
/// state is idempotent, so a missed or repeated event cannot leave a stale replica). Each new lease's node is asked
/// for its service address. A lease that closed or moved drops out at once; a new one joins once its node serves it
/// and a health probe succeeded.
/// </summary>
internal sealed class OrderReplicaSource(MarketClient market, ProviderDirectory directory, NodeServiceClient nodes, BigInteger orderId, GatewayParts parts, OrderEventWatcher? watcher)
{
    /// <summary>How soon a live lease whose node does not serve it yet (its workload starting) is asked again.</summary>
    private static readonly TimeSpan PendingRetry = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, ReplicaAddress> _known = [];
    private readonly Channel<string> _touched = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _pending;

    /// <summary>
    /// Refreshes when the watcher reports an event touching the order, and at least every <paramref name="reconcileInterval"/>,
    /// until cancelled; a failed refresh is reported and retried at the next event or interval.
    /// </summary>
    public async Task RunAsync(TimeSpan reconcileInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        var watching = watcher?.RunAsync(Touch, time, cancellationToken) ?? Task.CompletedTask;
        var reconciling = ReconcileAsync(reconcileInterval, time, cancellationToken);
        await Task.WhenAll(watching, reconciling).ConfigureAwait(false);
    }

    /// <summary>Asks for a refresh as soon as possible (requests made while one is pending are one request).</summary>
    public void Touch(string reason) => _touched.Writer.TryWrite(reason);

    /// <summary>Reads the order's leases once and reconciles the replicas.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var leases = await market.GetOrderLeasesAsync(orderId, cancellationToken).ConfigureAwait(false);
        watcher?.KnowLeases(leases.Select(lease => lease.LeaseId));
        foreach (var refused in parts.Replicas.All.Where(replica => replica.TakeAddressRefused()))
        {
            // Its node no longer knows the address it gave (it lost its saved address): ask it for the current one.
            _known.Remove(refused.Address.Key);
        }

        var addresses = new List<ReplicaAddress>();
        var live = leases.Where(lease => lease.State is LeaseState.Assigned or LeaseState.Running && lease.Provider is not null).ToList();
        foreach (var lease in live)
        {
            if (await AddressOfAsync(lease, cancellationToken).ConfigureAwait(false) is { } address)
            {
                addresses.Add(address);
            }
        }

        // A live lease its node does not serve yet gets no chain event when its workload comes up: ask again soon.
        _pending = addresses.Count < live.Count;

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

    private async Task ReconcileAsync(TimeSpan reconcileInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A fault of the chain or of a node is reported and retried at the next event or interval.
                parts.Events.Add("discovery-failed", null, exception.Message);
            }

            await NextReasonAsync(reconcileInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for an event touching the order or, failing one, the reconcile interval.</summary>
    private async Task NextReasonAsync(TimeSpan reconcileInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var touched = _touched.Reader.WaitToReadAsync(waiting.Token).AsTask();
        var interval = Task.Delay(_pending && PendingRetry < reconcileInterval ? PendingRetry : reconcileInterval, time, waiting.Token);
        await Task.WhenAny(touched, interval).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (_touched.Reader.TryRead(out var reason))
        {
            parts.Metrics.ChainEventRefreshed();
            parts.Events.Add("chain-event", null, $"re-reading the order's leases: {reason}");
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
