using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs.Hamt;

/// <summary>
/// One validated node of a HAMT-sharded directory: its layout and, per occupied bucket in order, either an entry (a leaf
/// link <c>prefix + name</c>) or a child shard (a link named by the prefix alone). Parsing checks everything a reader relies
/// on — murmur3 hash type, a power-of-two fanout, a bitfield that fits the fanout and matches the links one to one, link
/// names that carry their bucket prefix, safe entry names — and throws <see cref="InvalidDataException"/> naming the CID.
/// </summary>
internal sealed class HamtShardNode
{
    private HamtShardNode(Cid cid, HamtLayout layout, IReadOnlyList<HamtSlot> slots)
    {
        Cid = cid;
        Layout = layout;
        Slots = slots;
    }

    public Cid Cid { get; }

    public HamtLayout Layout { get; }

    /// <summary>The occupied buckets in ascending order.</summary>
    public IReadOnlyList<HamtSlot> Slots { get; }

    /// <summary>Validates a decoded UnixFS node as a HAMT shard.</summary>
    public static HamtShardNode Parse(Cid cid, UnixFsNode node)
    {
        if (node.Type != UnixFsType.HamtShard)
        {
            throw Malformed(cid, $"it is a UnixFS {node.Type} node where a HAMT shard was expected");
        }

        var data = node.Data!;
        if (data.HashType != HamtLayout.Murmur3HashType)
        {
            throw Malformed(cid, $"its hashType is {Describe(data.HashType)}; only murmur3-x64-64 (0x22) is defined for UnixFS");
        }

        if (data.Fanout is not { } fanout || !HamtLayout.IsValidFanout(fanout))
        {
            throw Malformed(cid, $"its fanout is {Describe(data.Fanout)}; it must be a power of two between {HamtLayout.MinFanout} and {HamtLayout.MaxFanout}");
        }

        var layout = HamtLayout.ForFanout(fanout);
        var bitfield = data.Data is { } bits ? bits.Span : ReadOnlySpan<byte>.Empty;
        if (bitfield.Length > layout.Fanout / 8)
        {
            throw Malformed(cid, $"its bitfield has {bitfield.Length} bytes, more than a fanout of {layout.Fanout} needs");
        }

        if (HamtBitfield.Count(bitfield) != node.Links.Count)
        {
            throw Malformed(cid, $"its bitfield marks {HamtBitfield.Count(bitfield)} buckets but it has {node.Links.Count} links");
        }

        return new HamtShardNode(cid, layout, ParseSlots(cid, node, layout, bitfield));
    }

    private static List<HamtSlot> ParseSlots(Cid cid, UnixFsNode node, HamtLayout layout, ReadOnlySpan<byte> bitfield)
    {
        var slots = new List<HamtSlot>(node.Links.Count);
        var previous = -1;
        foreach (var link in node.Links)
        {
            if (!layout.TryParsePrefix(link.Name, out var index))
            {
                throw Malformed(cid, $"its link '{link.Name}' does not start with a {layout.PrefixLength}-character upper-case hex bucket prefix");
            }

            if (index <= previous || !HamtBitfield.IsSet(bitfield, index))
            {
                throw Malformed(cid, $"its link '{link.Name}' names bucket {index}, which is out of order or not set in the bitfield");
            }

            previous = index;
            var name = link.Name!.Length == layout.PrefixLength ? null : link.Name[layout.PrefixLength..];
            if (name is not null && !EntryNames.IsValid(name))
            {
                throw Malformed(cid, $"its link '{link.Name}' holds an unsafe entry name");
            }

            slots.Add(new HamtSlot(index, name, link.Hash, link.Tsize ?? 0));
        }

        return slots;
    }

    private static string Describe(ulong? value) => value is { } present ? $"0x{present:x}" : "absent";

    internal static InvalidDataException Malformed(Cid cid, string reason) =>
        new($"Block {cid} is not a valid HAMT shard: {reason}.");
}
