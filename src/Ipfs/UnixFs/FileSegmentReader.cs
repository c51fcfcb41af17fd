using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Yields, in file order, the byte runs of a UnixFS file that fall in [start, end): verifies every block it reads,
/// skips subtrees outside the range using the parents' blocksizes (a range read touches only the blocks it needs), and
/// checks that every child holds exactly the bytes its parent announced, so a lying DAG cannot change the file's length.
/// Internal nodes are read in order; raw leaves are read and verified on several cores ahead of the consumer.
/// </summary>
internal static class FileSegmentReader
{
    public static async IAsyncEnumerable<FileSegment> ReadAsync(
        IBlockStore store, Cid root, ulong start, ulong end, int parallelism, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var steps = PlanAsync(store, root, start, end, cancellationToken);
        var segments = OrderedParallel.SelectAsync(
            steps, (step, token) => step.Ready is not null ? ValueTask.FromResult<FileSegment?>(step.Ready) : ReadLeafAsync(store, step.Leaf, start, end, token),
            parallelism, segment => segment?.Dispose(), cancellationToken);
        await foreach (var segment in segments.ConfigureAwait(false))
        {
            if (segment is not null)
            {
                yield return segment;
            }
        }
    }

    private readonly record struct Pending(Cid Cid, ulong Start, ulong? ExpectedSize, int Depth);

    /// <summary>Either bytes already read (inline data of an internal node) or a raw leaf still to read.</summary>
    private readonly record struct Step(FileSegment? Ready, Pending Leaf);

    private static async IAsyncEnumerable<Step> PlanAsync(
        IBlockStore store, Cid root, ulong start, ulong end, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stack = new Stack<Pending>();
        stack.Push(new Pending(root, 0, null, 0));
        while (stack.TryPop(out var next))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (next.ExpectedSize is { } size && (next.Start >= end || next.Start + size <= start))
            {
                continue;
            }

            if (next.Cid.Codec == MulticodecCode.Raw)
            {
                yield return new Step(null, next);
                continue;
            }

            var block = await DagWalker.ReadVerifiedAsync(store, next.Cid, next.Depth, cancellationToken).ConfigureAwait(false);
            FileSegment? inline;
            try
            {
                inline = ExpandNode(block, next, start, end, stack);
            }
            catch (OverflowException exception)
            {
                block.Dispose();
                throw new InvalidDataException($"Block {next.Cid} announces sizes that overflow 64 bits.", exception);
            }
            catch
            {
                block.Dispose();
                throw;
            }

            if (inline is null)
            {
                block.Dispose();
                continue;
            }

            yield return new Step(inline, default);
        }
    }

    private static async ValueTask<FileSegment?> ReadLeafAsync(IBlockStore store, Pending leaf, ulong start, ulong end, CancellationToken cancellationToken)
    {
        var block = await DagWalker.ReadVerifiedAsync(store, leaf.Cid, leaf.Depth, cancellationToken).ConfigureAwait(false);
        var length = block.Data.Length;
        if (leaf.ExpectedSize is { } expected && expected != (ulong)length)
        {
            block.Dispose();
            throw new InvalidDataException($"Block {leaf.Cid} holds {length} file bytes but its parent announced {expected}.");
        }

        var segment = Slice(block, block.Data, leaf.Start, start, end);
        if (segment is null)
        {
            block.Dispose();
        }

        return segment;
    }

    /// <summary>Pushes a dag-pb file node's children and returns its inline bytes in range, if any.</summary>
    private static FileSegment? ExpandNode(VerifiedBlock block, Pending pending, ulong start, ulong end, Stack<Pending> stack)
    {
        var node = UnixFsNode.Decode(block.Cid, block.Data);
        if (node.Type is not (UnixFsType.File or UnixFsType.Raw))
        {
            throw new InvalidDataException($"Block {block.Cid} is a UnixFS {node.Type} inside a file, not file content.");
        }

        var fileSize = node.FileSize(block.Data.Length);
        if (pending.ExpectedSize is { } expected && expected != fileSize)
        {
            throw new InvalidDataException($"Block {block.Cid} holds {fileSize} file bytes but its parent announced {expected}.");
        }

        var own = node.Data!.Data ?? ReadOnlyMemory<byte>.Empty;
        PushChildren(block.Cid, node, pending, (ulong)own.Length, stack);
        return Slice(block, own, pending.Start, start, end);
    }

    private static FileSegment? Slice(VerifiedBlock block, ReadOnlyMemory<byte> own, ulong ownStart, ulong start, ulong end)
    {
        var ownEnd = ownStart + (ulong)own.Length;
        if (ownEnd <= start || ownStart >= end || own.Length == 0)
        {
            return null;
        }

        var from = (int)(Math.Max(start, ownStart) - ownStart);
        var to = (int)(Math.Min(end, ownEnd) - ownStart);
        return new FileSegment(block, own[from..to]);
    }

    private static void PushChildren(Cid cid, UnixFsNode node, Pending pending, ulong inlineLength, Stack<Pending> stack)
    {
        var links = node.Links;
        var sizes = node.Data!.BlockSizes;
        if (links.Count != sizes.Count)
        {
            throw new InvalidDataException($"Block {cid} has {links.Count} links but {sizes.Count} blocksizes.");
        }

        if (node.Data.FileSize is { } declared && declared != node.FileSize(0))
        {
            throw new InvalidDataException($"Block {cid} declares filesize {declared} but its parts add up to {node.FileSize(0)}.");
        }

        if (links.Count > 0 && pending.Depth + 1 > DagWalker.MaxDepth)
        {
            throw new InvalidDataException($"The file DAG is deeper than {DagWalker.MaxDepth} levels at {cid}.");
        }

        var childStarts = new ulong[links.Count];
        var offset = pending.Start + inlineLength;
        for (var index = 0; index < links.Count; index++)
        {
            childStarts[index] = offset;
            offset = checked(offset + sizes[index]);
        }

        for (var index = links.Count - 1; index >= 0; index--)
        {
            stack.Push(new Pending(links[index].Hash, childStarts[index], sizes[index], pending.Depth + 1));
        }
    }
}
