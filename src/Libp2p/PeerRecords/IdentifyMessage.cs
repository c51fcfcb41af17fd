using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Libp2p.PeerRecords;

/// <summary>
/// The identify protobuf (<c>/ipfs/id/1.0.0</c> and push): publicKey 1, listenAddrs 2 (binary multiaddrs),
/// protocols 3, observedAddr 4, protocolVersion 5, agentVersion 6, signedPeerRecord 8 (kept, not verified).
/// </summary>
public sealed record IdentifyMessage
{
    /// <summary>Largest identify message accepted (js-libp2p's limit).</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>Most protocols or addresses accepted in one message.</summary>
    public const int MaxListEntries = 256;

    /// <summary>Protocol family and version, e.g. <c>ipfs/0.1.0</c>.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>Implementation name and version, e.g. <c>js-libp2p/3.3.11</c>.</summary>
    public string? AgentVersion { get; init; }

    /// <summary>The sender's <c>PublicKey</c> protobuf.</summary>
    public byte[]? PublicKey { get; init; }

    /// <summary>Addresses the sender listens on.</summary>
    public IReadOnlyList<Multiaddr> ListenAddresses { get; init; } = [];

    /// <summary>The receiver's address as the sender sees it.</summary>
    public Multiaddr? ObservedAddress { get; init; }

    /// <summary>Protocols the sender handles.</summary>
    public IReadOnlyList<string> Protocols { get; init; } = [];

    /// <summary>The signed peer record envelope, if sent (not verified by this implementation).</summary>
    public byte[]? SignedPeerRecord { get; init; }

    /// <summary>Encodes the message (fields in tag order).</summary>
    public byte[] Encode()
    {
        var writer = new ProtobufWriter(512);
        if (PublicKey is not null)
        {
            writer.WriteBytes(1, PublicKey);
        }

        foreach (var address in ListenAddresses)
        {
            writer.WriteBytes(2, address.Bytes);
        }

        foreach (var protocol in Protocols)
        {
            writer.WriteString(3, protocol);
        }

        if (ObservedAddress is not null)
        {
            writer.WriteBytes(4, ObservedAddress.Bytes);
        }

        if (ProtocolVersion is not null)
        {
            writer.WriteString(5, ProtocolVersion);
        }

        if (AgentVersion is not null)
        {
            writer.WriteString(6, AgentVersion);
        }

        if (SignedPeerRecord is not null)
        {
            writer.WriteBytes(8, SignedPeerRecord);
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a message; addresses with unsupported protocols are skipped, other malformed input throws <see cref="FormatException"/>.</summary>
    public static IdentifyMessage Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length > MaxLength)
        {
            throw new FormatException($"A {encoded.Length}-byte identify message exceeds the limit of {MaxLength} bytes.");
        }

        var addresses = new List<Multiaddr>();
        var protocols = new List<string>();
        byte[]? publicKey = null;
        byte[]? record = null;
        Multiaddr? observed = null;
        string? protocolVersion = null;
        string? agentVersion = null;
        var reader = new ProtobufReader(encoded);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    publicKey = reader.ReadBytes(wireType).ToArray();
                    break;
                case 2:
                    AddBounded(addresses, TryParseAddress(reader.ReadBytes(wireType)));
                    break;
                case 3:
                    AddBounded(protocols, reader.ReadString(wireType));
                    break;
                case 4:
                    observed = TryParseAddress(reader.ReadBytes(wireType));
                    break;
                case 5:
                    protocolVersion = reader.ReadString(wireType);
                    break;
                case 6:
                    agentVersion = reader.ReadString(wireType);
                    break;
                case 8:
                    record = reader.ReadBytes(wireType).ToArray();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new IdentifyMessage
        {
            PublicKey = publicKey,
            ListenAddresses = addresses,
            Protocols = protocols,
            ObservedAddress = observed,
            ProtocolVersion = protocolVersion,
            AgentVersion = agentVersion,
            SignedPeerRecord = record,
        };
    }

    private static void AddBounded<T>(List<T> list, T? item)
    {
        if (item is null)
        {
            return;
        }

        if (list.Count >= MaxListEntries)
        {
            throw new FormatException($"An identify message lists more than {MaxListEntries} entries.");
        }

        list.Add(item);
    }

    private static Multiaddr? TryParseAddress(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return Multiaddr.FromBytes(bytes);
        }
        catch (FormatException)
        {
            // Peers may advertise transports this implementation does not know (quic, webrtc…): skip them.
            return null;
        }
    }
}
