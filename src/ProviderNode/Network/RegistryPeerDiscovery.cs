using System.Collections.Concurrent;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.Protocol.Metadata;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Network;

/// <summary>
/// Connects the node to the registered providers' nodes: every round, for each registered operator it is not connected
/// to, it fetches the provider's metadata block (by Bitswap from connected peers; the block's CID is verified and the
/// block pinned, so the node serves it on in turn; failing that, from the configured metadata gateways), checks that the document names the registered operator's peer id,
/// and dials the listed multiaddrs until one connects. Noise authenticates the peer id on every dial, so a document
/// listing someone else's address cannot make the node talk to the wrong peer.
/// </summary>
public sealed class RegistryPeerDiscovery : BackgroundService
{
    private const string MetadataPinName = "provider-metadata";

    private readonly Libp2pHost _host;
    private readonly OperatorDirectory _directory;
    private readonly IContentFetcher _fetcher;
    private readonly GatewayClient? _gatewayClient;
    private readonly IContentFetcher? _gateways;
    private readonly ContentStore _store;
    private readonly NetworkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistryPeerDiscovery> _logger;
    private readonly ConcurrentDictionary<Cid, ProviderMetadata> _metadata = new();

    /// <summary>Creates the service; nothing is fetched or dialled until it starts.</summary>
    /// <param name="host">The node's host (dials the providers).</param>
    /// <param name="directory">The registered operators.</param>
    /// <param name="fetcher">Bitswap (the node's content fetcher).</param>
    /// <param name="gateways">A client of the metadata gateways (owned and disposed by this service); null when none is configured.</param>
    /// <param name="store">The node's content store.</param>
    /// <param name="options">Timing.</param>
    /// <param name="time">The clock of the rounds.</param>
    /// <param name="logger">Where outcomes go.</param>
    public RegistryPeerDiscovery(
        Libp2pHost host,
        OperatorDirectory directory,
        IContentFetcher fetcher,
        GatewayClient? gateways,
        ContentStore store,
        NetworkOptions options,
        TimeProvider time,
        ILogger<RegistryPeerDiscovery> logger)
    {
        _host = host;
        _directory = directory;
        _fetcher = fetcher;
        _gatewayClient = gateways;
        _gateways = gateways is null ? null : new GatewayContentFetcher(gateways, store);
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>One round: look up and dial every registered provider's node that is not connected. Returns how many were connected.</summary>
    public async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var connected = 0;
        foreach (var registered in _directory.Operators)
        {
            if (registered.PeerId == _host.LocalPeerId || _host.IsConnected(registered.PeerId) || registered.MetadataCid is not { } cid)
            {
                continue;
            }

            if (await MetadataAsync(registered, cid, cancellationToken).ConfigureAwait(false) is { } metadata
                && await DialAsync(registered, metadata, cancellationToken).ConfigureAwait(false))
            {
                connected++;
            }
        }

        return connected;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RegistryDiscoveryInterval, _time);
        do
        {
            try
            {
                await RunRoundAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                NetworkLog.DiscoveryRoundFailed(_logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<ProviderMetadata?> MetadataAsync(RegisteredOperator registered, Cid cid, CancellationToken cancellationToken)
    {
        if (_metadata.TryGetValue(cid, out var known))
        {
            return known;
        }

        // Bitswap asks connected peers only: with none, waiting for it would only delay the gateways.
        var problem = _host.ConnectionCount > 0
            ? await FetchAsync(_fetcher, cid, cancellationToken).ConfigureAwait(false)
            : "no connected peer to ask by Bitswap";
        if (problem is not null && _gateways is not null)
        {
            problem = await FetchAsync(_gateways, cid, cancellationToken).ConfigureAwait(false);
        }

        if (problem is not null)
        {
            NetworkLog.MetadataUnusable(_logger, registered.Provider, cid.ToString(), problem);
            return null;
        }

        var bytes = await _store.Blocks.GetAsync(cid, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            NetworkLog.MetadataUnusable(_logger, registered.Provider, cid.ToString(), "the block is missing after the fetch");
            return null;
        }

        if (!ProviderMetadataParser.TryParse(bytes, out var metadata, out var error))
        {
            NetworkLog.MetadataUnusable(_logger, registered.Provider, cid.ToString(), error);
            return null;
        }

        if (metadata.PeerId != registered.PeerId)
        {
            NetworkLog.MetadataUnusable(_logger, registered.Provider, cid.ToString(), $"it names peer {metadata.PeerId}, not the registered operator {registered.PeerId}");
            return null;
        }

        _metadata[cid] = metadata;
        return metadata;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gatewayClient?.Dispose();
        base.Dispose();
    }

    /// <summary>Null when the block is now stored and pinned; otherwise why not.</summary>
    private async Task<string?> FetchAsync(IContentFetcher fetcher, Cid cid, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DiscoveryTimeout);
        try
        {
            var fetched = await fetcher.FetchDagAsync(cid, MetadataPinName, timeout.Token).ConfigureAwait(false);
            return fetched.IsComplete ? null : fetched.Error ?? "not found";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "nobody had it in time";
        }
    }

    private async Task<bool> DialAsync(RegisteredOperator registered, ProviderMetadata metadata, CancellationToken cancellationToken)
    {
        foreach (var address in metadata.Multiaddrs.Select(address => address.WithoutPeerId().WithPeerId(registered.PeerId)))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.DiscoveryTimeout);
            try
            {
                await _host.DialAsync(address, timeout.Token).ConfigureAwait(false);
                NetworkLog.ProviderDialled(_logger, registered.Provider, registered.PeerId, address.ToString());
                return true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // An unreachable address is an expected outcome of discovery: try the next one, and again next round.
                NetworkLog.ProviderDialFailed(_logger, registered.Provider, registered.PeerId, address.ToString(), exception.Message);
            }
        }

        return false;
    }
}
