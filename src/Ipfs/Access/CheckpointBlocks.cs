using System.Collections.Frozen;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// Lists the CIDs (CIDv1) of a DAG as far as the store holds it: a stored block's links are followed, a missing one is
/// listed without its children. Every stored block is verified before its links are trusted.
/// </summary>
internal static class CheckpointBlocks
{
    public static async Task<FrozenSet<Cid>> CollectAsync(IBlockStore store, Cid root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(root);
        var seen = new HashSet<Cid>();
        var pending = new Stack<(Cid Cid, int Depth)>();
        pending.Push((root.ToV1(), 0));
        while (pending.TryPop(out var next))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(next.Cid) || !DagLinks.IsTraversable(next.Cid.Codec) || next.Cid.Codec == MulticodecCode.Raw)
            {
                continue;
            }

            if (!await store.HasAsync(next.Cid, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (next.Depth >= DagWalker.MaxDepth)
            {
                throw new InvalidDataException($"The DAG under {root} is deeper than {DagWalker.MaxDepth} levels at {next.Cid}.");
            }

            using var block = await DagWalker.ReadVerifiedAsync(store, next.Cid, next.Depth, cancellationToken).ConfigureAwait(false);
            foreach (var link in DagLinks.Of(block.Cid, block.Data))
            {
                pending.Push((link.ToV1(), next.Depth + 1));
            }
        }

        return seen.ToFrozenSet();
    }
}
