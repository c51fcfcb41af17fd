using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Ipfs.DagPb;

/// <summary>
/// Strict dag-pb decoder (IPLD dag-pb spec): accepts Links-then-Data and the legacy Data-then-Links order, and rejects
/// interleaved or duplicate sections, unknown fields, wrong wire types, out-of-order or duplicate link fields, a link
/// without Hash, an unparsable CID and invalid UTF-8 names. Every rejection is a <see cref="FormatException"/>.
/// </summary>
public static class DagPbDecoder
{
    /// <summary>Decodes a whole block. <see cref="PbNode.Data"/> slices <paramref name="block"/> without copying.</summary>
    public static PbNode Decode(ReadOnlyMemory<byte> block)
    {
        var reader = new ProtobufReader(block.Span);
        var links = new List<PbLink>();
        ReadOnlyMemory<byte>? data = null;
        var linksBeforeData = false;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, $"PBNode field {field}");
            var (offset, length) = reader.ReadLengthDelimited();
            switch (field)
            {
                case 1:
                    if (data is not null)
                    {
                        throw new FormatException("The dag-pb node has a duplicate Data section.");
                    }

                    data = block.Slice(offset, length);
                    linksBeforeData = links.Count > 0;
                    break;
                case 2:
                    if (data is not null && linksBeforeData)
                    {
                        throw new FormatException("The dag-pb node interleaves Links and Data (Links, Data, Links).");
                    }

                    links.Add(DecodeLink(block.Span.Slice(offset, length), links.Count));
                    break;
                default:
                    throw new FormatException($"The dag-pb node has an unknown field {field}.");
            }
        }

        return new PbNode(links, data);
    }

    private static PbLink DecodeLink(ReadOnlySpan<byte> bytes, int index)
    {
        var reader = new ProtobufReader(bytes);
        Cid? hash = null;
        string? name = null;
        ulong? tsize = null;
        var lastField = 0;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field <= lastField)
            {
                throw new FormatException($"Link {index}: field {field} is duplicated or out of order (expected Hash, Name, Tsize).");
            }

            lastField = field;
            switch (field)
            {
                case 1:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, $"Link {index} Hash");
                    hash = ParseCid(reader.ReadBytes(), index);
                    break;
                case 2:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, $"Link {index} Name");
                    name = reader.ReadString();
                    break;
                case 3:
                    ProtobufReader.Expect(wireType, ProtobufWireType.Varint, $"Link {index} Tsize");
                    tsize = reader.ReadVarint();
                    break;
                default:
                    throw new FormatException($"Link {index} has an unknown field {field}.");
            }
        }

        return hash is null
            ? throw new FormatException($"Link {index} has no Hash.")
            : new PbLink(hash, name, tsize);
    }

    private static Cid ParseCid(ReadOnlySpan<byte> bytes, int index)
    {
        try
        {
            return Cid.FromBytes(bytes);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"Link {index} Hash is not a valid CID: {exception.Message}", exception);
        }
    }
}
