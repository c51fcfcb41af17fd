using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Gets one verified block from any of the gateways: healthiest first, every gateway once per round, more rounds (with a
/// doubling pause) only while some failure looks transient. Throws <see cref="GatewayFetchException"/> listing every attempt.
/// </summary>
internal sealed class GatewayBlockSource
{
    private readonly GatewayBlockFetcher _fetcher;
    private readonly GatewayRotation _rotation;
    private readonly GatewayClientOptions _options;
    private readonly ILogger _logger;

    public GatewayBlockSource(GatewayBlockFetcher fetcher, GatewayRotation rotation, GatewayClientOptions options, ILogger logger)
    {
        _fetcher = fetcher;
        _rotation = rotation;
        _options = options;
        _logger = logger;
    }

    public async Task<Block> FetchAsync(Cid cid, GatewayFetchTally? progress, CancellationToken cancellationToken)
    {
        var failures = new List<GatewayFailure>();
        for (var round = 0; round < _options.MaxRounds; round++)
        {
            if (round > 0)
            {
                await Task.Delay(_options.RetryDelay * Math.Pow(2, round - 1), cancellationToken).ConfigureAwait(false);
            }

            var roundFailures = new List<GatewayFailure>();
            foreach (var gateway in _rotation.Order())
            {
                var (block, failure) = await _fetcher.FetchAsync(gateway, cid, cancellationToken).ConfigureAwait(false);
                if (block is not null)
                {
                    _rotation.Succeeded(gateway);
                    progress?.AddFailures(failures.Concat(roundFailures));
                    return block;
                }

                _rotation.Failed(gateway);
                GatewayClientLog.AttemptFailed(_logger, failure!.Kind, failure.Message);
                roundFailures.Add(failure);
            }

            failures.AddRange(roundFailures);
            if (!roundFailures.Any(failure => failure.IsTransient))
            {
                break;
            }
        }

        throw new GatewayFetchException(cid, failures);
    }
}
