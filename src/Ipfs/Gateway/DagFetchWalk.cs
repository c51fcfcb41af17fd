using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Completes a DAG in the store block by block, with bounded parallel requests: a stored block is not downloaded again
/// (only dag-pb nodes are read back, to find their links; raw leaves are not even read), a missing one is fetched from the
/// gateways and verified before it is stored, and a stored copy found corrupt is replaced. When the walk ends every block
/// of the DAG is in the store.
/// </summary>
internal sealed class DagFetchWalk
{
    private readonly IBlockStore _store;
    private readonly GatewayBlockSource _source;
    private readonly GatewayClientOptions _options;
    private readonly GatewayFetchTally _progress;
    private readonly ILogger _logger;

    public DagFetchWalk(IBlockStore store, GatewayBlockSource source, GatewayClientOptions options, GatewayFetchTally progress, ILogger logger)
    {
        _store = store;
        _source = source;
        _options = options;
        _progress = progress;
        _logger = logger;
    }

    public async Task RunAsync(Cid root, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Cid> { root.ToV1() };
        var pending = new Stack<Cid>();
        pending.Push(root.ToV1());
        var running = new List<Task<IReadOnlyList<Cid>>>();
        GatewayFetchException? firstUnavailable = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                while (running.Count < _options.MaxParallelRequests && pending.TryPop(out var next))
                {
                    running.Add(VisitAsync(next, stop.Token));
                }

                var finished = await Task.WhenAny(running).ConfigureAwait(false);
                running.Remove(finished);
                IReadOnlyList<Cid> links;
                try
                {
                    links = await finished.ConfigureAwait(false);
                }
                catch (GatewayFetchException exception)
                {
                    // Keep fetching the rest of the DAG so that a later call has as little left to resume as possible.
                    firstUnavailable ??= exception;
                    continue;
                }

                for (var index = links.Count - 1; index >= 0; index--)
                {
                    var link = links[index].ToV1();
                    if (seen.Add(link))
                    {
                        if (seen.Count > _options.MaxDagBlocks)
                        {
                            throw new InvalidDataException($"The DAG under {root} has more than {_options.MaxDagBlocks} blocks (MaxDagBlocks).");
                        }

                        pending.Push(link);
                    }
                }
            }

            if (firstUnavailable is not null)
            {
                throw firstUnavailable;
            }
        }
        catch (GatewayFetchException exception) when (exception == firstUnavailable)
        {
            throw;
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await DrainAsync(running).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Makes sure <paramref name="cid"/> is stored and verified, and returns its links.</summary>
    private async Task<IReadOnlyList<Cid>> VisitAsync(Cid cid, CancellationToken cancellationToken)
    {
        if (cid.Hash.Code == MulticodecCode.Identity)
        {
            return DagLinks.Of(cid, cid.Hash.Digest.ToArray());
        }

        if (await _store.HasAsync(cid, cancellationToken).ConfigureAwait(false))
        {
            _progress.AddPresent();
            if (cid.Codec == MulticodecCode.Raw)
            {
                return [];
            }

            try
            {
                using var stored = await DagWalker.ReadVerifiedAsync(_store, cid, 0, cancellationToken).ConfigureAwait(false);
                return DagLinks.Of(cid, stored.Data);
            }
            catch (CorruptBlockException)
            {
                GatewayClientLog.LocalCorruptBlock(_logger, cid.ToString());
                await _store.DeleteAsync(cid, cancellationToken).ConfigureAwait(false);
                _progress.RemovePresent();
            }
            catch (BlockNotFoundException)
            {
                // Removed between the check and the read (garbage collection): fetch it like any missing block.
                _progress.RemovePresent();
            }
        }

        var block = await _source.FetchAsync(cid, _progress, cancellationToken).ConfigureAwait(false);
        if (await _store.PutAsync(block, cancellationToken).ConfigureAwait(false))
        {
            _progress.AddFetched(block.Data.Length);
        }

        return DagLinks.Of(cid, block.Data);
    }

    private static async Task DrainAsync(List<Task<IReadOnlyList<Cid>>> running)
    {
        foreach (var task in running)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The walk is already failing with the first error; these are its cancelled or failed siblings.
            }
        }
    }
}
