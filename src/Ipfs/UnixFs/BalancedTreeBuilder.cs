using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Builds Kubo's balanced file layout while leaves stream in: leaves are grouped in runs of <c>maxLinks</c>, each full
/// run immediately becomes a parent at the next level, and at the end every partial run becomes a parent too, bottom-up,
/// until one node is left. That equals grouping all leaves in runs, then those parents in runs, and so on (Kubo's
/// <c>balanced.Layout</c>: all leaves at one depth, a single leaf is its own root). Memory: at most <c>maxLinks</c>
/// pending links per level.
/// </summary>
internal sealed class BalancedTreeBuilder
{
    private readonly int _maxLinks;
    private readonly List<List<FileNodeInfo>> _levels = [];

    public BalancedTreeBuilder(int maxLinks)
    {
        _maxLinks = maxLinks;
    }

    /// <summary>Adds the next leaf; returns the parent blocks this completed (to be stored), possibly none.</summary>
    public List<Block> AddLeaf(FileNodeInfo leaf)
    {
        var created = new List<Block>();
        Add(0, leaf, created);
        return created;
    }

    /// <summary>Closes every partial run; returns the root and the blocks created on the way.</summary>
    public (FileNodeInfo Root, List<Block> Created) Finish()
    {
        var created = new List<Block>();
        for (var level = 0; level < _levels.Count; level++)
        {
            var pending = _levels[level];
            var isTop = _levels.Skip(level + 1).All(above => above.Count == 0);
            if (isTop && pending.Count == 1)
            {
                return (pending[0], created);
            }

            if (pending.Count > 0)
            {
                Flush(level, created);
            }
        }

        throw new InvalidOperationException("A file tree needs at least one leaf (an empty file is one empty chunk).");
    }

    /// <summary>Encodes a File node over <paramref name="children"/> (links with empty names, blocksizes = child file sizes).</summary>
    public static (Block Block, FileNodeInfo Info) CreateParent(IReadOnlyList<FileNodeInfo> children)
    {
        var links = new PbLink[children.Count];
        var blockSizes = new ulong[children.Count];
        ulong fileSize = 0;
        ulong childTsize = 0;
        for (var index = 0; index < children.Count; index++)
        {
            var child = children[index];
            links[index] = new PbLink(child.Cid, string.Empty, child.Tsize);
            blockSizes[index] = child.FileSize;
            fileSize += child.FileSize;
            childTsize += child.Tsize;
        }

        var data = UnixFsDataCodec.Encode(new UnixFsData { Type = UnixFsType.File, FileSize = fileSize, BlockSizes = blockSizes });
        var block = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(links, data)));
        return (block, new FileNodeInfo(block.Cid, fileSize, (ulong)block.Data.Length + childTsize));
    }

    private void Add(int level, FileNodeInfo node, List<Block> created)
    {
        while (_levels.Count <= level)
        {
            _levels.Add(new List<FileNodeInfo>(_maxLinks));
        }

        _levels[level].Add(node);
        if (_levels[level].Count == _maxLinks)
        {
            Flush(level, created);
        }
    }

    private void Flush(int level, List<Block> created)
    {
        var (block, info) = CreateParent(_levels[level]);
        _levels[level].Clear();
        created.Add(block);
        Add(level + 1, info, created);
    }
}
