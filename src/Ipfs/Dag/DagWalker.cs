using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Dag;

/// <summary>
/// Depth-first, first-seen, duplicate-free traversal of a DAG in a block store (the order of <c>ipfs dag export</c> and
/// of CAR responses with <c>order=dfs; dups=n</c>). Every block is verified against its CID before it is yielded or its
/// links followed; a missing block throws <see cref="BlockNotFoundException"/>, a corrupt one
/// <see cref="CorruptBlockException"/>, both naming the CID (the first such block in walk order). Raw leaves — nearly
/// all the bytes — are read and verified on several cores ahead of the consumer; the order never changes.
/// </summary>
public static class DagWalker
{
    /// <summary>Deepest DAG accepted (a file of 2^60 bytes is 8 levels deep; this bounds hostile DAGs).</summary>
    public const int MaxDepth = 4096;

    /// <summary>
    /// Yields the blocks of the DAG under <paramref name="root"/>. <paramref name="followLinks"/> (optional) decides, for
    /// each block that can have links, whether its children are visited (the gateway uses it for <c>dag-scope</c>).
    /// Dispose each block.
    /// </summary>
    public static IAsyncEnumerable<VerifiedBlock> WalkAsync(
        IBlockStore store,
        Cid root,
        Func<VerifiedBlock, bool>? followLinks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(root);
        var steps = PlanAsync(store, root, followLinks, cancellationToken);
        return OrderedParallel.SelectAsync(steps, (step, token) => step.Block is { } ready
            ? ValueTask.FromResult(ready)
            : ReadVerifiedAsync(store, step.Cid, step.Depth, token), Environment.ProcessorCount + 1, block => block.Dispose(), cancellationToken);
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

    /// <summary>A block already read (a node whose links were needed) or a leaf to read later, in walk order.</summary>
    private readonly record struct Step(Cid Cid, int Depth, VerifiedBlock? Block);

    private static async IAsyncEnumerable<Step> PlanAsync(
        IBlockStore store, Cid root, Func<VerifiedBlock, bool>? followLinks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
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

            if (next.Cid.Codec == MulticodecCode.Raw)
            {
                yield return new Step(next.Cid, next.Depth, null);
                continue;
            }

            var block = await ReadVerifiedAsync(store, next.Cid, next.Depth, cancellationToken).ConfigureAwait(false);
            try
            {
                PushChildren(root, block, followLinks, pending);
            }
            catch
            {
                block.Dispose();
                throw;
            }

            yield return new Step(next.Cid, next.Depth, block);
        }
    }

    private static void PushChildren(Cid root, VerifiedBlock block, Func<VerifiedBlock, bool>? followLinks, Stack<(Cid Cid, int Depth)> pending)
    {
        var links = followLinks is null || followLinks(block) ? DagLinks.Of(block.Cid, block.Data) : [];
        if (links.Count > 0 && block.Depth + 1 > MaxDepth)
        {
            throw new InvalidDataException($"The DAG under {root} is deeper than {MaxDepth} levels at {block.Cid}.");
        }

        for (var index = links.Count - 1; index >= 0; index--)
        {
            pending.Push((links[index].ToV1(), block.Depth + 1));
        }
    }
}
