using DePinGpu.Ipfs.DagPb;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Dag;

/// <summary>The child CIDs of a block, by codec: dag-pb links in order; raw blocks and identity CIDs have none.</summary>
public static class DagLinks
{
    /// <summary>True when <see cref="Of"/> can list the links of blocks of <paramref name="codec"/>.</summary>
    public static bool IsTraversable(ulong codec) => codec is MulticodecCode.DagPb or MulticodecCode.Raw;

    /// <summary>
    /// The links of a verified block, in order. Throws <see cref="FormatException"/> for an undecodable dag-pb block and
    /// <see cref="NotSupportedException"/> for a codec this node cannot traverse (only raw and dag-pb are produced).
    /// </summary>
    public static IReadOnlyList<Cid> Of(Cid cid, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(cid);
        switch (cid.Codec)
        {
            case MulticodecCode.Raw:
                return [];
            case MulticodecCode.DagPb:
                var links = DecodeNode(cid, data).Links;
                var result = new Cid[links.Count];
                for (var index = 0; index < links.Count; index++)
                {
                    result[index] = links[index].Hash;
                }

                return result;
            default:
                throw new NotSupportedException(
                    $"Block {cid} has codec 0x{cid.Codec:x}; only raw (0x55) and dag-pb (0x70) DAGs can be traversed.");
        }
    }

    /// <summary>Decodes a dag-pb block, naming the CID in the error when it is malformed.</summary>
    public static PbNode DecodeNode(Cid cid, ReadOnlyMemory<byte> data)
    {
        try
        {
            return DagPbDecoder.Decode(data);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"Block {cid} is not a valid dag-pb node: {exception.Message}", exception);
        }
    }
}
