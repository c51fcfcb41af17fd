using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Fetches whole DAGs from trustless HTTP gateways into a block store (how a standby provider replicates a checkpoint).
/// Every block is verified against its CID before it is stored; a corrupt block is reported with the gateway and the CID and
/// fetched from another gateway. When the root is not stored yet the DAG is first requested as one CAR; whatever that does
/// not deliver is then fetched block by block (<c>?format=raw</c>), with failover between gateways and bounded parallelism.
/// Blocks already stored are never downloaded again, so calling <see cref="FetchDagAsync"/> after a failure resumes.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private readonly GatewayClientOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;
    private readonly GatewayRotation _rotation;
    private readonly GatewayBlockSource _blocks;
    private readonly GatewayCarFetcher _car;

    /// <summary>Creates a client; without <paramref name="httpClient"/> it makes (and disposes) its own.</summary>
    public GatewayClient(GatewayClientOptions options, HttpClient? httpClient = null, ILogger<GatewayClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
        {
            // Per-request timeouts are applied by the client itself (RequestTimeout); a CAR may stream for hours.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _rotation = new GatewayRotation(options.Gateways);
        _blocks = new GatewayBlockSource(new GatewayBlockFetcher(_http, options), _rotation, options, _logger);
        _car = new GatewayCarFetcher(_http, options);
    }

    /// <summary>
    /// Makes every block of the DAG under <paramref name="root"/> present and verified in <paramref name="store"/>.
    /// Throws <see cref="GatewayFetchException"/> when no gateway delivers a valid copy of some block (blocks stored so far
    /// stay, so the next call resumes), and <see cref="InvalidDataException"/> when the DAG exceeds a limit.
    /// </summary>
    public async Task<GatewayFetchResult> FetchDagAsync(Cid root, IBlockStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(store);
        var progress = new GatewayFetchTally(_options.MaxFetchBytes);
        if (_options.PreferCar && root.Hash.Code != MulticodecCode.Identity && !await store.HasAsync(root, cancellationToken).ConfigureAwait(false))
        {
            await TryCarAsync(root, store, progress, cancellationToken).ConfigureAwait(false);
        }

        var fetchedByCar = progress.Fetched;
        await new DagFetchWalk(store, _blocks, _options, progress, _logger).RunAsync(root, cancellationToken).ConfigureAwait(false);
        await store.FlushAsync(cancellationToken).ConfigureAwait(false);

        // The completing walk sees the blocks the CAR stored as present: they were downloaded, not already there.
        var result = new GatewayFetchResult(root, progress.Fetched, progress.Present - fetchedByCar, progress.Bytes, progress.Failures());
        GatewayClientLog.DagFetched(_logger, root.ToString(), result.BlocksFetched, result.BytesFetched, result.BlocksAlreadyPresent);
        return result;
    }

    /// <summary>Fetches one verified block from the gateways (not stored).</summary>
    public Task<Block> FetchBlockAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return _blocks.FetchAsync(cid, progress: null, cancellationToken);
    }

    /// <summary>Disposes the HTTP client when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task TryCarAsync(Cid root, IBlockStore store, GatewayFetchTally progress, CancellationToken cancellationToken)
    {
        foreach (var gateway in _rotation.Order())
        {
            var failure = await _car.FetchAsync(gateway, root, store, progress, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                _rotation.Succeeded(gateway);
                GatewayClientLog.CarFetched(_logger, root.ToString(), gateway.ToString(), progress.Fetched);
                return;
            }

            _rotation.Failed(gateway);
            GatewayClientLog.AttemptFailed(_logger, failure.Kind, failure.Message);
            progress.AddFailures([failure]);
            if (await store.HasAsync(root, cancellationToken).ConfigureAwait(false))
            {
                // Part of the DAG arrived: another full CAR would resend it, so finish block by block.
                GatewayClientLog.CarFallback(_logger, root.ToString(), gateway.ToString());
                return;
            }
        }
    }
}
