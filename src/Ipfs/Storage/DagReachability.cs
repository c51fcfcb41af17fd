using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// Finds the blocks a DAG reaches without reading its leaves: raw CIDs have no links, so only their presence is checked;
/// dag-pb nodes are read, verified and decoded. Used to check a DAG is complete before a recursive pin, and to mark
/// what garbage collection keeps.
/// </summary>
internal static class DagReachability
{
    /// <summary>
    /// Adds every block reachable from <paramref name="root"/> to <paramref name="reached"/> (blocks already in it are not
    /// walked again). A missing block is reported to <paramref name="onMissing"/> and its subtree skipped.
    /// </summary>
    public static async Task MarkAsync(
        IBlockStore store, Cid root, HashSet<BlockKey> reached, Action<Cid> onMissing, CancellationToken cancellationToken)
    {
        var pending = new Stack<(Cid Cid, int Depth)>();
        pending.Push((root, 0));
        while (pending.TryPop(out var next))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!reached.Add(BlockKey.Of(next.Cid.ToV1())))
            {
                continue;
            }

            if (next.Cid.Codec == MulticodecCode.Raw || !DagLinks.IsTraversable(next.Cid.Codec))
            {
                if (!await store.HasAsync(next.Cid, cancellationToken).ConfigureAwait(false))
                {
                    onMissing(next.Cid);
                }

                continue;
            }

            IReadOnlyList<Cid> links;
            try
            {
                using var block = await DagWalker.ReadVerifiedAsync(store, next.Cid, next.Depth, cancellationToken).ConfigureAwait(false);
                links = DagLinks.Of(block.Cid, block.Data);
            }
            catch (BlockNotFoundException)
            {
                onMissing(next.Cid);
                continue;
            }

            if (links.Count > 0 && next.Depth + 1 > DagWalker.MaxDepth)
            {
                throw new InvalidDataException($"The DAG under {root} is deeper than {DagWalker.MaxDepth} levels at {next.Cid}.");
            }

            foreach (var link in links)
            {
                pending.Push((link, next.Depth + 1));
            }
        }
    }

    /// <summary>Throws <see cref="BlockNotFoundException"/> for the first block of the DAG that is not stored.</summary>
    public static async Task RequireCompleteAsync(IBlockStore store, Cid root, CancellationToken cancellationToken)
    {
        Cid? missing = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await MarkAsync(store, root, [], cid =>
            {
                missing ??= cid;
                stop.Cancel();
            }, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (missing is not null && !cancellationToken.IsCancellationRequested)
        {
            // We cancelled the walk ourselves at the first missing block; it is reported below.
        }

        if (missing is not null)
        {
            throw new BlockNotFoundException(missing);
        }
    }

    /// <summary>True when <paramref name="target"/> is reachable from <paramref name="root"/> (missing blocks are skipped).</summary>
    public static async Task<bool> ReachesAsync(IBlockStore store, Cid root, Cid target, CancellationToken cancellationToken)
    {
        var reached = new HashSet<BlockKey>();
        await MarkAsync(store, root, reached, _ => { }, cancellationToken).ConfigureAwait(false);
        return reached.Contains(BlockKey.Of(target.ToV1()));
    }
}
