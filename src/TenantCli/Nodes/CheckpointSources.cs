using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Clients;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Nodes;

/// <summary>
/// Where a lease's checkpoint can be fetched from: the configured gateways, then the lease's holders — its active
/// provider and the order's standbys, whose node APIs serve their block stores as trustless gateways
/// (<c>GET /ipfs/{cid}</c>, docs/node-api.md). Each source is tried in turn until one delivers the whole DAG, every
/// block verified against its CID; blocks a failed source delivered stay, so the next one only completes the rest.
/// Bitswap is not spoken here: the CLI is not a libp2p peer.
/// </summary>
internal static class CheckpointSources
{
    /// <summary>The most bytes one checkpoint fetch may bring.</summary>
    public const long MaxFetchBytes = 8L << 30;

    /// <summary>The configured gateways, then the node APIs of <paramref name="lease"/>'s holders that can be found (the others are noted).</summary>
    public static async Task<IReadOnlyList<Uri>> OfLeaseAsync(MarketClient market, ProviderDirectory directory, IReadOnlyList<Uri> gateways, LeaseDetails lease, Action<string> note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(lease);
        var holders = new List<string>();
        if (lease.Provider is { } provider)
        {
            holders.Add(provider);
        }

        holders.AddRange((await market.GetStandbysAsync(lease.OrderId, cancellationToken).ConfigureAwait(false)).Select(standby => standby.Provider));
        var sources = new List<Uri>(gateways);
        foreach (var holder in holders.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                var api = await directory.ApiOfAsync(holder, cancellationToken).ConfigureAwait(false);
                if (!sources.Contains(api))
                {
                    sources.Add(api);
                }
            }
            catch (CliException exception) when (exception.ExitCode == ExitCodes.NodeUnreachable)
            {
                note($"not asking holder {holder}: {exception.Message}");
            }
        }

        return sources;
    }

    /// <summary>
    /// Fetches the DAG under <paramref name="root"/> into <paramref name="blocks"/> from the first source that serves all
    /// of it; throws a node-unreachable <see cref="CliException"/> naming each source's failure when none did.
    /// </summary>
    public static async Task<(GatewayFetchResult Result, Uri Source)> FetchAsync(IReadOnlyList<Uri> sources, Cid root, IBlockStore blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var failures = new List<string>();
        foreach (var source in sources)
        {
            using var gateway = new GatewayClient(new GatewayClientOptions { Gateways = [source], MaxFetchBytes = MaxFetchBytes });
            try
            {
                return (await gateway.FetchDagAsync(root, blocks, cancellationToken).ConfigureAwait(false), source);
            }
            catch (GatewayFetchException exception)
            {
                failures.Add($"{source}: {exception.Message}");
            }
        }

        throw new CliException(
            $"No source served checkpoint {root} (verified against its CID): {(failures.Count == 0 ? "none to ask" : string.Join("; ", failures))}. Add a node that holds it to gateways (--gateway).",
            ExitCodes.NodeUnreachable);
    }
}
