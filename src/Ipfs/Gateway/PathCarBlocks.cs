using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// The blocks of a CAR response for a content path (trustless gateway spec): first the directory and HAMT shard blocks
/// that resolve the path, then the terminal entity per <c>dag-scope</c> — <c>block</c>: its root; <c>entity</c>: a whole
/// file, a directory's own node, or every shard node of a sharded directory; <c>all</c>: its whole DAG — or, with
/// <c>entity-bytes</c> on a file, only the blocks of that byte range. Depth-first, no duplicates, each block verified.
/// </summary>
internal static class PathCarBlocks
{
    public static async IAsyncEnumerable<VerifiedBlock> ReadAsync(
        IBlockStore store, ResolvedPath path, DagScope scope, EntityBytes? entityBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<Cid>();
        foreach (var cid in path.Traversed)
        {
            if (seen.Add(cid.ToV1()))
            {
                yield return await DagWalker.ReadVerifiedAsync(store, cid, 0, cancellationToken).ConfigureAwait(false);
            }
        }

        await foreach (var block in TerminalAsync(store, path.Target, scope, entityBytes, cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(block.Cid.ToV1()))
            {
                yield return block;
            }
            else
            {
                block.Dispose();
            }
        }
    }

    private static async IAsyncEnumerable<VerifiedBlock> TerminalAsync(
        IBlockStore store, Cid target, DagScope scope, EntityBytes? entityBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wholeDag = scope == DagScope.All && entityBytes is null;
        var type = wholeDag || scope == DagScope.Block ? null : await TypeOfAsync(store, target, cancellationToken).ConfigureAwait(false);
        IAsyncEnumerable<VerifiedBlock> blocks = (scope, type) switch
        {
            (DagScope.Block, _) => One(store, target, cancellationToken),
            _ when wholeDag => DagWalker.WalkAsync(store, target, null, cancellationToken),
            (_, UnixFsType.File) when entityBytes is not null => await FileRangeAsync(store, target, entityBytes, cancellationToken).ConfigureAwait(false),
            (DagScope.All, _) or (_, UnixFsType.File) => DagWalker.WalkAsync(store, target, null, cancellationToken),
            (_, UnixFsType.HamtShard) => ShardNodesAsync(store, target, cancellationToken),
            _ => One(store, target, cancellationToken),
        };
        await foreach (var block in blocks.ConfigureAwait(false))
        {
            yield return block;
        }
    }

    /// <summary>A sharded directory's entity: every shard node, depth-first, but not the entries (files and subfolders).</summary>
    private static async IAsyncEnumerable<VerifiedBlock> ShardNodesAsync(IBlockStore store, Cid root, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new Stack<(Cid Cid, int Depth)>();
        pending.Push((root, 0));
        while (pending.TryPop(out var next))
        {
            var block = await DagWalker.ReadVerifiedAsync(store, next.Cid, next.Depth, cancellationToken).ConfigureAwait(false);
            UnixFs.Hamt.HamtShardNode shard;
            try
            {
                shard = UnixFs.Hamt.HamtShardNode.Parse(next.Cid, UnixFsNode.Decode(next.Cid, block.Data));
                if (next.Depth >= shard.Layout.MaxDepth)
                {
                    throw UnixFs.Hamt.HamtShardNode.Malformed(next.Cid, "it is deeper than the hash bits allow");
                }
            }
            catch
            {
                block.Dispose();
                throw;
            }

            var children = shard.Slots.Where(slot => slot.IsChildShard).ToList();
            for (var index = children.Count - 1; index >= 0; index--)
            {
                pending.Push((children[index].Cid, next.Depth + 1));
            }

            yield return block;
        }
    }

    private static async Task<IAsyncEnumerable<VerifiedBlock>> FileRangeAsync(
        IBlockStore store, Cid file, EntityBytes entityBytes, CancellationToken cancellationToken)
    {
        ulong size;
        using (var root = await DagWalker.ReadVerifiedAsync(store, file, 0, cancellationToken).ConfigureAwait(false))
        {
            size = UnixFsNode.Decode(file, root.Data).FileSize(root.Data.Length);
        }

        return FileRangeBlocks.ReadAsync(store, file, entityBytes.Resolve(size), cancellationToken);
    }

    /// <summary>The UnixFS type (raw leaves are files); null for a block that is not UnixFS.</summary>
    private static async Task<UnixFsType?> TypeOfAsync(IBlockStore store, Cid cid, CancellationToken cancellationToken)
    {
        if (cid.Codec == MulticodecCode.Raw)
        {
            return UnixFsType.File;
        }

        if (cid.Codec != MulticodecCode.DagPb)
        {
            return null;
        }

        using var block = await DagWalker.ReadVerifiedAsync(store, cid, 0, cancellationToken).ConfigureAwait(false);
        try
        {
            var type = UnixFsNode.Decode(cid, block.Data).Type;
            return type == UnixFsType.Raw ? UnixFsType.File : type;
        }
        catch (InvalidDataException)
        {
            // Plain dag-pb that is not UnixFS: its entity is the block itself (trustless gateway spec).
            return null;
        }
    }

    private static async IAsyncEnumerable<VerifiedBlock> One(IBlockStore store, Cid cid, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return await DagWalker.ReadVerifiedAsync(store, cid, 0, cancellationToken).ConfigureAwait(false);
    }
}
