using System.Text;
using DePinGpu.Ipfs.Protobuf;

namespace DePinGpu.Ipfs.DagPb;

/// <summary>
/// Hand-written dag-pb encoder in canonical form: all Links (field 2) first, then Data (field 1), each link as
/// Hash, Name, Tsize. A stock protobuf serializer writes field 1 first and would change every CID.
/// </summary>
public static class DagPbEncoder
{
    private const int DataField = 1;
    private const int LinksField = 2;
    private const int LinkHashField = 1;
    private const int LinkNameField = 2;
    private const int LinkTsizeField = 3;

    /// <summary>
    /// Encodes <paramref name="node"/>. Links are written sorted by name bytes (a stable sort, so the unnamed or
    /// equally named links of file nodes keep their order), as the dag-pb spec requires of encoders.
    /// </summary>
    public static byte[] Encode(PbNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var links = SortedByName(node.Links);
        var names = new byte[links.Count][];
        var linkSizes = new int[links.Count];
        var total = 0;
        for (var index = 0; index < links.Count; index++)
        {
            names[index] = links[index].Name is { } name ? Encoding.UTF8.GetBytes(name) : [];
            linkSizes[index] = SizeOfLink(links[index], names[index]);
            total += ProtoWriter.SizeOfLengthDelimited(LinksField, linkSizes[index]);
        }

        if (node.Data is { } data)
        {
            total += ProtoWriter.SizeOfLengthDelimited(DataField, data.Length);
        }

        var result = new byte[total];
        var position = 0;
        for (var index = 0; index < links.Count; index++)
        {
            ProtoWriter.WriteLengthPrefix(result, ref position, LinksField, linkSizes[index]);
            WriteLink(result, ref position, links[index], names[index]);
        }

        if (node.Data is { } payload)
        {
            ProtoWriter.WriteBytesField(result, ref position, DataField, payload.Span);
        }

        return position == total ? result : throw new InvalidOperationException("dag-pb size computation is inconsistent.");
    }

    /// <summary>Compares two link names by their UTF-8 bytes, the order dag-pb and UnixFS directories use.</summary>
    public static int CompareNames(string? left, string? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        var leftBytes = Encoding.UTF8.GetBytes(left ?? string.Empty);
        var rightBytes = Encoding.UTF8.GetBytes(right ?? string.Empty);
        return leftBytes.AsSpan().SequenceCompareTo(rightBytes);
    }

    private static IReadOnlyList<PbLink> SortedByName(IReadOnlyList<PbLink> links)
    {
        for (var index = 1; index < links.Count; index++)
        {
            if (CompareNames(links[index - 1].Name, links[index].Name) > 0)
            {
                // OrderBy is stable, which the spec requires for equal names.
                return links.OrderBy(link => link.Name, Comparer<string?>.Create(CompareNames)).ToArray();
            }
        }

        return links;
    }

    private static int SizeOfLink(PbLink link, byte[] name)
    {
        var size = ProtoWriter.SizeOfLengthDelimited(LinkHashField, link.Hash.Bytes.Length);
        if (link.Name is not null)
        {
            size += ProtoWriter.SizeOfLengthDelimited(LinkNameField, name.Length);
        }

        if (link.Tsize is { } tsize)
        {
            size += ProtoWriter.SizeOfVarintField(LinkTsizeField, tsize);
        }

        return size;
    }

    private static void WriteLink(Span<byte> destination, ref int position, PbLink link, byte[] name)
    {
        ProtoWriter.WriteBytesField(destination, ref position, LinkHashField, link.Hash.Bytes);
        if (link.Name is not null)
        {
            ProtoWriter.WriteBytesField(destination, ref position, LinkNameField, name);
        }

        if (link.Tsize is { } tsize)
        {
            ProtoWriter.WriteVarintField(destination, ref position, LinkTsizeField, tsize);
        }
    }
}
