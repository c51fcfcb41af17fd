using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Collects the header fields (1–4) while a message's decoder walks its fields.</summary>
internal struct GossipHeaderReader
{
    private ulong _version;
    private string? _provider;
    private ulong _sequence;
    private ulong _sentAt;

    /// <summary>Fields seen so far (bit n for field n), shared with the message's own fields.</summary>
    public uint Seen;

    /// <summary>Reads <paramref name="field"/> when it is a header field; false for the message's own fields.</summary>
    public bool TryRead(ref ProtobufReader reader, int field, ProtobufWireType wireType)
    {
        if (field is < GossipWire.VersionField or > GossipWire.SentAtField)
        {
            return false;
        }

        GossipWire.Once(ref Seen, field);
        switch (field)
        {
            case GossipWire.VersionField:
                _version = reader.ReadVarint(wireType);
                break;
            case GossipWire.ProviderField:
                _provider = GossipWire.ReadAddress(reader.ReadBytes(wireType));
                break;
            case GossipWire.SequenceField:
                _sequence = reader.ReadVarint(wireType);
                break;
            default:
                _sentAt = reader.ReadVarint(wireType);
                break;
        }

        return true;
    }

    /// <summary>The header; throws <see cref="FormatException"/> when a field is missing or the version unknown.</summary>
    public readonly GossipHeader ToHeader() => GossipWire.Header(Seen, _version, _provider, _sequence, _sentAt);
}
