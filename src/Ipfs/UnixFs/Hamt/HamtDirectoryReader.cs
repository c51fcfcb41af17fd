using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs.Hamt;

/// <summary>
/// Reads HAMT-sharded directories: lists every entry (in shard order, as Kubo does) or looks one name up by its hash,
/// reading only the shard nodes on its path. Every block is verified; every shard is validated
/// (<see cref="HamtShardNode"/>). A shard deeper than the hash bits allow, a shard reached twice, a child shard with a
/// different fanout, an entry filed under a bucket its name does not hash to, or a name listed twice is malformed
/// (<see cref="InvalidDataException"/>): each is what a looping or forged shard looks like to a reader.
/// </summary>
internal static class HamtDirectoryReader
{
    /// <summary>The entries of the sharded directory <paramref name="root"/>.</summary>
    public static async IAsyncEnumerable<UnixFsEntry> ListAsync(
        IBlockStore store, Cid root, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var visited = new HashSet<Cid>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(Cid Cid, int Depth, ulong HashPrefix, HamtLayout? Parent)>();
        pending.Push((root, 0, 0, null));
        while (pending.TryPop(out var next))
        {
            var shard = await ReadShardAsync(store, next.Cid, next.Depth, next.Parent, visited, cancellationToken).ConfigureAwait(false);
            var children = new List<(Cid, int, ulong, HamtLayout?)>();
            foreach (var slot in shard.Slots)
            {
                var prefix = (next.HashPrefix << shard.Layout.BitsPerLevel) | (uint)slot.Index;
                if (slot.IsChildShard)
                {
                    children.Add((slot.Cid, next.Depth + 1, prefix, shard.Layout));
                    continue;
                }

                CheckPlacement(shard, slot.EntryName!, next.Depth, prefix);
                if (!names.Add(slot.EntryName!))
                {
                    throw HamtShardNode.Malformed(shard.Cid, $"the entry '{slot.EntryName}' is listed twice in the sharded directory {root}");
                }

                yield return new UnixFsEntry(slot.EntryName!, slot.Cid, slot.CumulativeSize);
            }

            for (var index = children.Count - 1; index >= 0; index--)
            {
                pending.Push(children[index]);
            }
        }
    }

    /// <summary>
    /// Looks <paramref name="name"/> up; null when the directory has no such entry. The CIDs of the shard nodes read are
    /// added to <paramref name="traversed"/> in order (the blocks a verifier needs to check the lookup).
    /// </summary>
    public static async Task<UnixFsEntry?> FindAsync(
        IBlockStore store, Cid root, string name, List<Cid> traversed, CancellationToken cancellationToken)
    {
        var hash = HamtLayout.HashOf(name);
        var visited = new HashSet<Cid>();
        var current = root;
        HamtLayout? parent = null;
        for (var depth = 0; ; depth++)
        {
            var shard = await ReadShardAsync(store, current, depth, parent, visited, cancellationToken).ConfigureAwait(false);
            traversed.Add(current);
            var index = shard.Layout.BucketIndex(hash, depth);
            var slot = shard.Slots.FirstOrDefault(candidate => candidate.Index == index);
            if (slot is null)
            {
                return null;
            }

            if (!slot.IsChildShard)
            {
                return slot.EntryName == name ? new UnixFsEntry(name, slot.Cid, slot.CumulativeSize) : null;
            }

            current = slot.Cid;
            parent = shard.Layout;
        }
    }

    private static async Task<HamtShardNode> ReadShardAsync(
        IBlockStore store, Cid cid, int depth, HamtLayout? parent, HashSet<Cid> visited, CancellationToken cancellationToken)
    {
        if (cid.Codec != MulticodecCode.DagPb)
        {
            throw new InvalidDataException($"Block {cid} is linked as a HAMT shard but is not dag-pb.");
        }

        if (!visited.Add(cid.ToV1()))
        {
            throw HamtShardNode.Malformed(cid, "it is reached twice in one sharded directory (a cycle or a repeated shard)");
        }

        HamtShardNode shard;
        using (var block = await DagWalker.ReadVerifiedAsync(store, cid, depth, cancellationToken).ConfigureAwait(false))
        {
            shard = HamtShardNode.Parse(cid, UnixFsNode.Decode(cid, block.Data));
        }

        if (parent is not null && parent.Fanout != shard.Layout.Fanout)
        {
            throw HamtShardNode.Malformed(cid, $"its fanout {shard.Layout.Fanout} differs from its parent's {parent.Fanout}");
        }

        if (depth >= shard.Layout.MaxDepth)
        {
            throw HamtShardNode.Malformed(cid, $"it sits at level {depth}, deeper than the {shard.Layout.MaxDepth} levels 64 hash bits allow");
        }

        return shard;
    }

    /// <summary>An entry must sit in the bucket path its own hash selects, or lookups and listings would disagree.</summary>
    private static void CheckPlacement(HamtShardNode shard, string name, int depth, ulong bucketPath)
    {
        var bits = shard.Layout.BitsPerLevel * (depth + 1);
        var expected = HamtLayout.HashOf(name) >> (64 - bits);
        if (expected != bucketPath)
        {
            throw HamtShardNode.Malformed(shard.Cid, $"the entry '{name}' is filed under a bucket its name does not hash to");
        }
    }
}
