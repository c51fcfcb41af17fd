using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// The blocks a client needs to read and verify bytes [start, end) of a UnixFS file, depth-first: every node on the way
/// down and every leaf that overlaps the range, skipping whole subtrees outside it by the parents' blocksizes, so a
/// range of a large file reads only the blocks it names. An empty range yields the file's root alone.
/// </summary>
internal static class FileRangeBlocks
{
    public static async IAsyncEnumerable<VerifiedBlock> ReadAsync(
        IBlockStore store, Cid file, ByteRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new Stack<(Cid Cid, ulong Start, ulong Size, int Depth)>();
        pending.Push((file, 0, ulong.MaxValue, 0));
        while (pending.TryPop(out var next))
        {
            var isRoot = next.Depth == 0;
            if (!isRoot && !Overlaps(next.Start, next.Size, range))
            {
                continue;
            }

            var block = await DagWalker.ReadVerifiedAsync(store, next.Cid, next.Depth, cancellationToken).ConfigureAwait(false);
            if (next.Cid.Codec == MulticodecCode.DagPb && !(isRoot && range.Length == 0))
            {
                try
                {
                    PushChildren(block, next.Start, next.Depth, pending);
                }
                catch
                {
                    block.Dispose();
                    throw;
                }
            }

            yield return block;
        }
    }

    private static bool Overlaps(ulong start, ulong size, ByteRange range) =>
        start < range.End && start + size > range.Start;

    private static void PushChildren(VerifiedBlock block, ulong start, int depth, Stack<(Cid, ulong, ulong, int)> pending)
    {
        var node = UnixFsNode.Decode(block.Cid, block.Data);
        if (node.Type is not (UnixFsType.File or UnixFsType.Raw))
        {
            throw new InvalidDataException($"Block {block.Cid} is a UnixFS {node.Type}, not part of a file.");
        }

        var sizes = node.Data!.BlockSizes;
        if (sizes.Count != node.Links.Count)
        {
            throw new InvalidDataException($"Block {block.Cid} has {node.Links.Count} links but {sizes.Count} blocksizes.");
        }

        if (depth + 1 > DagWalker.MaxDepth)
        {
            throw new InvalidDataException($"The file DAG is deeper than {DagWalker.MaxDepth} levels at {block.Cid}.");
        }

        var offset = start + (ulong)(node.Data.Data?.Length ?? 0);
        var children = new List<(Cid, ulong, ulong, int)>(sizes.Count);
        for (var index = 0; index < sizes.Count; index++)
        {
            children.Add((node.Links[index].Hash, offset, sizes[index], depth + 1));
            offset = checked(offset + sizes[index]);
        }

        for (var index = children.Count - 1; index >= 0; index--)
        {
            pending.Push(children[index]);
        }
    }
}
