using System.Text;
using DePinGpu.Libp2p.Protobuf;

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
            total += ProtobufSize.LengthDelimitedField(LinksField, linkSizes[index]);
        }

        if (node.Data is { } data)
        {
            total += ProtobufSize.LengthDelimitedField(DataField, data.Length);
        }

        var result = new byte[total];
        var writer = new ProtobufSpanWriter(result);
        for (var index = 0; index < links.Count; index++)
        {
            writer.WriteLengthPrefix(LinksField, linkSizes[index]);
            WriteLink(ref writer, links[index], names[index]);
        }

        if (node.Data is { } payload)
        {
            writer.WriteBytesField(DataField, payload.Span);
        }

        return writer.Position == total ? result : throw new InvalidOperationException("dag-pb size computation is inconsistent.");
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
        var size = ProtobufSize.LengthDelimitedField(LinkHashField, link.Hash.Bytes.Length);
        if (link.Name is not null)
        {
            size += ProtobufSize.LengthDelimitedField(LinkNameField, name.Length);
        }

        if (link.Tsize is { } tsize)
        {
            size += ProtobufSize.VarintField(LinkTsizeField, tsize);
        }

        return size;
    }

    private static void WriteLink(ref ProtobufSpanWriter writer, PbLink link, byte[] name)
    {
        writer.WriteBytesField(LinkHashField, link.Hash.Bytes);
        if (link.Name is not null)
        {
            writer.WriteBytesField(LinkNameField, name);
        }

        if (link.Tsize is { } tsize)
        {
            writer.WriteVarintField(LinkTsizeField, tsize);
        }
    }
}
