using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// One mark-and-sweep pass: mark what pins reach, then delete every other stored block that no session holds. Runs under
/// the content store's pin lock; each deletion is claimed in the retention registry so a session taking a hold on the
/// same block waits for it and rewrites the block.
/// </summary>
internal sealed class GarbageCollector
{
    private readonly IBlockStore _blocks;
    private readonly RetentionRegistry _retention;
    private readonly ILogger _logger;

    public GarbageCollector(IBlockStore blocks, RetentionRegistry retention, ILogger logger)
    {
        _blocks = blocks;
        _retention = retention;
        _logger = logger;
    }

    public async Task<GcResult> CollectAsync(IReadOnlyList<Pin> pins, CancellationToken cancellationToken)
    {
        var live = new HashSet<BlockKey>();
        long missing = 0;
        foreach (var pin in pins)
        {
            if (pin.Type == PinType.Recursive)
            {
                await DagReachability.MarkAsync(_blocks, pin.Cid, live, cid =>
                {
                    missing++;
                    StorageLog.PinnedBlockMissing(_logger, pin.Cid.ToString(), cid.ToString());
                }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                live.Add(BlockKey.Of(pin.Cid.ToV1()));
            }
        }

        long removed = 0, removedBytes = 0, kept = 0, held = 0;
        await foreach (var cid in _blocks.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = BlockKey.Of(cid);
            if (live.Contains(key))
            {
                kept++;
                continue;
            }

            if (!_retention.TryBeginDelete(key))
            {
                held++;
                continue;
            }

            try
            {
                var size = await _blocks.GetSizeAsync(cid, cancellationToken).ConfigureAwait(false);
                if (await _blocks.DeleteAsync(cid, cancellationToken).ConfigureAwait(false))
                {
                    removed++;
                    removedBytes += size ?? 0;
                }
            }
            finally
            {
                _retention.EndDelete(key);
            }
        }

        return new GcResult(removed, removedBytes, kept, held, missing, TimeSpan.Zero);
    }
}
