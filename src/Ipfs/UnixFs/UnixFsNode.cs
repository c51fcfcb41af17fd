using DePinGpu.Ipfs.Dag;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>A decoded UnixFS node: a raw leaf (file bytes) or a dag-pb node with its UnixFS Data.</summary>
internal sealed class UnixFsNode
{
    private UnixFsNode(UnixFsType type, PbNode? node, UnixFsData? data)
    {
        Type = type;
        DagNode = node;
        Data = data;
    }

    /// <summary>The node type; raw leaves report <see cref="UnixFsType.Raw"/>.</summary>
    public UnixFsType Type { get; }

    /// <summary>The dag-pb node, null for raw leaves.</summary>
    public PbNode? DagNode { get; }

    /// <summary>The UnixFS Data, null for raw leaves.</summary>
    public UnixFsData? Data { get; }

    public bool IsRawLeaf => DagNode is null;

    public IReadOnlyList<PbLink> Links => DagNode?.Links ?? [];

    /// <summary>Decodes a verified block; malformed content throws <see cref="InvalidDataException"/> naming the CID.</summary>
    public static UnixFsNode Decode(Cid cid, ReadOnlyMemory<byte> block)
    {
        if (cid.Codec == MulticodecCode.Raw)
        {
            return new UnixFsNode(UnixFsType.Raw, null, null);
        }

        if (cid.Codec != MulticodecCode.DagPb)
        {
            throw new InvalidDataException($"Block {cid} has codec 0x{cid.Codec:x}: it is not UnixFS (raw or dag-pb).");
        }

        try
        {
            var node = DagLinks.DecodeNode(cid, block);
            if (node.Data is not { } payload)
            {
                throw new FormatException("the dag-pb node has no Data field");
            }

            var data = UnixFsDataCodec.Decode(payload);
            return new UnixFsNode(data.Type, node, data);
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException($"Block {cid} is not a valid UnixFS node: {exception.Message}", exception);
        }
    }

    /// <summary>The file bytes under this node (raw: the block length).</summary>
    public ulong FileSize(int blockLength)
    {
        if (IsRawLeaf)
        {
            return (ulong)blockLength;
        }

        var inline = (ulong)(Data!.Data?.Length ?? 0);
        ulong children = 0;
        foreach (var size in Data.BlockSizes)
        {
            children = checked(children + size);
        }

        return checked(inline + children);
    }
}
