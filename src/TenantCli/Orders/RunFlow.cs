using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Orders;

/// <summary>
/// <c>depin run</c>'s steps after the order is placed: offer the spec to nodes, watch offers, finalize by policy, wait
/// until every replica runs, then follow every replica's logs until their leases end.
/// </summary>
internal sealed class RunFlow
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);

    private readonly CommandContext _context;
    private readonly ProtocolConnection _chain;
    private readonly WalletKey _key;
    private readonly ProviderDirectory _directory;

    /// <summary>Creates the flow for one run.</summary>
    public RunFlow(CommandContext context, ProtocolConnection chain, WalletKey key, ProviderDirectory directory)
    {
        _context = context;
        _chain = chain;
        _key = key;
        _directory = directory;
    }

    /// <summary>The nodes to offer the spec to: the configured ones and those of registered providers that fit the order.</summary>
    public async Task<IReadOnlyList<Uri>> CandidateNodesAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        var nodes = new List<Uri>(_context.Config.Gateways);
        var registry = _chain.Registry();
        foreach (var owner in (await registry.ListProvidersAsync(cancellationToken).ConfigureAwait(false)).Take(64))
        {
            var provider = await registry.GetProviderAsync(owner, cancellationToken).ConfigureAwait(false);
            if (provider is null || provider.Jailed || provider.VramGb < request.MinVramGb
                || (request.GpuModel.Length > 0 && !string.Equals(provider.GpuModel, request.GpuModel, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            try
            {
                var api = await _directory.ApiOfAsync(owner, cancellationToken).ConfigureAwait(false);
                if (!nodes.Contains(api))
                {
                    nodes.Add(api);
                }
            }
            catch (CliException exception) when (exception.ExitCode == ExitCodes.NodeUnreachable)
            {
                _context.Printer.Note($"skipping provider {owner}: {exception.Message}");
            }
        }

        return nodes;
    }

    /// <summary>Finalizes once the policy is met; null (order left open) when the window closed first.</summary>
    public async Task<IReadOnlyList<BigInteger>?> FinalizeAsync(OfferWatcher watcher, BigInteger orderId, SpecFile spec, IReadOnlyList<Uri> nodes, FinalizePolicy policy, CancellationToken cancellationToken)
    {
        if (!await watcher.WatchAsync(orderId, spec, nodes, policy, _context.ChainNowAsync, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var finalized = await _chain.Market(_key, CommandContext.Sends).FinalizeOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
        var leases = Enumerable.Range(0, finalized.LeaseCount).Select(i => finalized.FirstLeaseId + i).ToArray();
        _context.Printer.Note($"order {orderId} finalized: lease(s) {string.Join(", ", leases)}; standbys {(finalized.Standbys.Count == 0 ? "none" : string.Join(", ", finalized.Standbys))}");
        return leases;
    }

    /// <summary>Waits until every lease runs (true), or one closed first (false).</summary>
    public async Task<bool> WaitRunningAsync(IReadOnlyList<BigInteger> leaseIds, CancellationToken cancellationToken)
    {
        var market = _chain.Market();
        var announced = new HashSet<BigInteger>();
        var seen = new Dictionary<BigInteger, LeaseState>();
        while (true)
        {
            var leases = new List<LeaseDetails>();
            foreach (var id in leaseIds)
            {
                leases.Add((await market.GetLeaseAsync(id, cancellationToken).ConfigureAwait(false))!);
            }

            // A lease that loses its provider before it runs waits for a standby or a replacement: say so rather than
            // wait in silence (the wait has no end of its own; Ctrl-C detaches and the lease goes on).
            foreach (var lease in leases.Where(lease => seen.TryGetValue(lease.LeaseId, out var before) && before != lease.State && lease.State is not LeaseState.Running and not LeaseState.Closed))
            {
                _context.Printer.Note($"lease {lease.LeaseId} is {lease.State} (epoch {lease.Epoch}{(lease.Provider is null ? ", no provider yet" : $", provider {lease.Provider}")}): waiting for it to run");
            }

            foreach (var lease in leases)
            {
                seen[lease.LeaseId] = lease.State;
            }

            foreach (var lease in leases.Where(lease => lease.State == LeaseState.Running && announced.Add(lease.LeaseId)))
            {
                _context.Printer.Note($"lease {lease.LeaseId} running on {lease.Provider} (epoch {lease.Epoch})");
            }

            // A short job can run and complete between two looks: it ran (its logs are still on its node).
            if (leases.FirstOrDefault(lease => lease.State == LeaseState.Closed && lease.CloseReason != LeaseReason.Completed) is { } closed)
            {
                _context.Printer.Note($"lease {closed.LeaseId} closed before it ran ({closed.CloseReason}).");
                return false;
            }

            foreach (var lease in leases.Where(lease => lease.State == LeaseState.Closed && announced.Add(lease.LeaseId)))
            {
                _context.Printer.Note($"lease {lease.LeaseId} ran and completed on {lease.Provider} (epoch {lease.Epoch})");
            }

            if (leases.All(lease => lease.State is LeaseState.Running or LeaseState.Closed))
            {
                return true;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Follows every lease's logs at once until each ends; with several replicas each text line starts with its
    /// replica (slot and lease), and JSON lines carry the lease id. Returns every lease's outcome.
    /// </summary>
    public async Task<IReadOnlyList<string>> FollowAsync(IReadOnlyList<BigInteger> leaseIds, CancellationToken cancellationToken)
    {
        await Task.WhenAll(leaseIds.Select((leaseId, slot) => FollowOneAsync(leaseId, leaseIds.Count > 1 ? ReplicaPrefix(slot, leaseId) : string.Empty, cancellationToken))).ConfigureAwait(false);
        return await OutcomesAsync(leaseIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What starts each text line of replica <paramref name="slot"/> when a run follows several.</summary>
    public static string ReplicaPrefix(int slot, BigInteger leaseId) => string.Create(CultureInfo.InvariantCulture, $"[replica {slot} lease {leaseId}] ");

    private async Task FollowOneAsync(BigInteger leaseId, string prefix, CancellationToken cancellationToken)
    {
        // Each replica has its own directory and client: the directory's cache is not shared between threads.
        using var directory = new ProviderDirectory(_chain.Registry(), _context.Config.Gateways);
        using var logs = new NodeLogClient(_key, _chain.Deployment.ChainId);
        var follower = new LogFollower(_chain.Market(), directory, logs, _context.Environment, _context.Printer.Mode) { LinePrefix = prefix };
        await follower.RunAsync(leaseId, follow: true, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How each lease ended (its close reason), or "" while it runs.</summary>
    public async Task<IReadOnlyList<string>> OutcomesAsync(IReadOnlyList<BigInteger> leaseIds, CancellationToken cancellationToken)
    {
        var outcomes = new List<string>();
        foreach (var id in leaseIds)
        {
            var lease = await _chain.Market().GetLeaseAsync(id, cancellationToken).ConfigureAwait(false);
            outcomes.Add(lease?.State == LeaseState.Closed ? lease.CloseReason.ToString() : string.Empty);
        }

        return outcomes;
    }

    /// <summary>The commands to come back to a run left running.</summary>
    public static string ComeBack(BigInteger orderId, IReadOnlyList<BigInteger> leaseIds) => leaseIds.Count == 0
        ? $"depin order offers {orderId}; depin order finalize {orderId}; depin order cancel {orderId}"
        : string.Join("; ", leaseIds.Select(id => string.Create(CultureInfo.InvariantCulture, $"depin lease show {id}; depin logs {id} -f; depin lease close {id}")));

    /// <summary>The run's result view.</summary>
    public static RunView View(BigInteger orderId, SpecFile spec, IReadOnlyList<BigInteger> leaseIds, IReadOnlyList<string> outcomes, OfferWatcher watcher) =>
        new(ViewMapping.Wei(orderId), spec.Cid.ToString(), leaseIds.Select(ViewMapping.Wei).ToArray(), outcomes, watcher.Uploads.Values.ToArray());
}
