using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Dag;

/// <summary>
/// Depth-first, first-seen, duplicate-free traversal of a DAG in a block store (the order of <c>ipfs dag export</c> and
/// of CAR responses with <c>order=dfs; dups=n</c>). Every block is verified against its CID before it is yielded or its
/// links followed; a missing block throws <see cref="BlockNotFoundException"/>, a corrupt one
/// <see cref="CorruptBlockException"/>, both naming the CID.
/// </summary>
public static class DagWalker
{
    /// <summary>Deepest DAG accepted (a file of 2^60 bytes is 8 levels deep; this bounds hostile DAGs).</summary>
    public const int MaxDepth = 4096;

    /// <summary>
    /// Yields the blocks of the DAG under <paramref name="root"/>. <paramref name="followLinks"/> (optional) decides,
    /// per block, whether its children are visited (the gateway uses it for <c>dag-scope</c>). Dispose each block.
    /// </summary>
    public static async IAsyncEnumerable<VerifiedBlock> WalkAsync(
        IBlockStore store,
        Cid root,
        Func<VerifiedBlock, bool>? followLinks = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(root);
        var seen = new HashSet<Cid>();
        var pending = new Stack<(Cid Cid, int Depth)>();
        pending.Push((root.ToV1(), 0));
        while (pending.TryPop(out var next))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(next.Cid))
            {
                continue;
            }

            var block = await ReadVerifiedAsync(store, next.Cid, next.Depth, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<Cid> links;
            try
            {
                links = followLinks is null || followLinks(block) ? DagLinks.Of(block.Cid, block.Data) : [];
            }
            catch
            {
                block.Dispose();
                throw;
            }

            if (links.Count > 0 && next.Depth + 1 > MaxDepth)
            {
                block.Dispose();
                throw new InvalidDataException($"The DAG under {root} is deeper than {MaxDepth} levels at {next.Cid}.");
            }

            for (var index = links.Count - 1; index >= 0; index--)
            {
                pending.Push((links[index].ToV1(), next.Depth + 1));
            }

            yield return block;
        }
    }

    /// <summary>Reads <paramref name="cid"/> into pooled memory and verifies it.</summary>
    public static async ValueTask<VerifiedBlock> ReadVerifiedAsync(IBlockStore store, Cid cid, int depth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var owner = await store.RentAsync(cid, cancellationToken).ConfigureAwait(false) ?? throw new BlockNotFoundException(cid);
        if (!cid.Hash.Matches(owner.Memory.Span))
        {
            owner.Dispose();
            throw new CorruptBlockException(cid);
        }

        return new VerifiedBlock(cid, owner, depth);
    }
}
