using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs.Hamt;

/// <summary>
/// Builds a UnixFS HAMT-sharded directory exactly as Kubo (boxo's <c>hamt</c>) and Helia do: every entry goes into the
/// bucket its name's hash selects at the current level; a bucket holding one entry keeps it as a leaf link
/// (<c>prefix + name</c>), a second entry in the same bucket turns the bucket into a child shard (link named by the
/// prefix alone) holding both one level down. Each shard node is dag-pb with UnixFS Data
/// <c>{Type = HAMTShard, Data = bitfield, hashType = 0x22, fanout}</c>, links in bucket order.
/// </summary>
internal sealed class HamtShardBuilder
{
    private readonly HamtLayout _layout;
    private readonly Bucket _root;

    public HamtShardBuilder(HamtLayout layout)
    {
        _layout = layout;
        _root = new Bucket(layout.Fanout);
    }

    /// <summary>Adds an entry; names must be unique (the directory builder checks that).</summary>
    public void Add(UnixFsEntry entry)
    {
        Insert(_root, new Placed(entry, HamtLayout.HashOf(entry.Name)), 0);
    }

    /// <summary>Encodes every shard node, children before parents; the last block is the directory's root.</summary>
    public (IReadOnlyList<Block> Blocks, ulong CumulativeSize) Build()
    {
        var blocks = new List<Block>();
        var (_, cumulativeSize) = Encode(_root, blocks);
        return (blocks, cumulativeSize);
    }

    private void Insert(Bucket bucket, Placed entry, int depth)
    {
        if (depth >= _layout.MaxDepth)
        {
            throw new InvalidOperationException(
                $"The names '{entry.Entry.Name}' and another have the same 64-bit HAMT hash: they cannot share a sharded directory.");
        }

        var index = _layout.BucketIndex(entry.Hash, depth);
        switch (bucket.Slots[index])
        {
            case null:
                bucket.Slots[index] = entry;
                break;
            case Bucket child:
                Insert(child, entry, depth + 1);
                break;
            case Placed existing:
                var split = new Bucket(_layout.Fanout);
                Insert(split, existing, depth + 1);
                Insert(split, entry, depth + 1);
                bucket.Slots[index] = split;
                break;
        }
    }

    private (Cid Cid, ulong CumulativeSize) Encode(Bucket bucket, List<Block> blocks)
    {
        var links = new List<PbLink>();
        var occupied = new List<int>();
        ulong childrenSize = 0;
        for (var index = 0; index < bucket.Slots.Length; index++)
        {
            var prefix = _layout.Prefix(index);
            switch (bucket.Slots[index])
            {
                case Placed placed:
                    links.Add(new PbLink(placed.Entry.Cid, prefix + placed.Entry.Name, placed.Entry.CumulativeSize));
                    childrenSize += placed.Entry.CumulativeSize;
                    break;
                case Bucket child:
                    var (cid, size) = Encode(child, blocks);
                    links.Add(new PbLink(cid, prefix, size));
                    childrenSize += size;
                    break;
                default:
                    continue;
            }

            occupied.Add(index);
        }

        var data = UnixFsDataCodec.Encode(new UnixFsData
        {
            Type = UnixFsType.HamtShard,
            Data = HamtBitfield.Encode(occupied, _layout.Fanout),
            HashType = HamtLayout.Murmur3HashType,
            Fanout = (ulong)_layout.Fanout,
        });
        var block = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(links, data)));
        blocks.Add(block);
        return (block.Cid, (ulong)block.Data.Length + childrenSize);
    }

    private sealed record Placed(UnixFsEntry Entry, ulong Hash);

    private sealed class Bucket(int fanout)
    {
        public object?[] Slots { get; } = new object?[fanout];
    }
}
