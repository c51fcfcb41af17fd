using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Libp2p.PeerRecords;

/// <summary>
/// A signed peer record (libp2p RFC 0002 envelope around an RFC 0003 <c>PeerRecord</c>), as carried in gossipsub
/// PRUNE peer exchange. Only records whose envelope signature verifies and whose key matches the peer id are accepted.
/// </summary>
public sealed record SignedPeerRecord(PeerId PeerId, ulong Sequence, IReadOnlyList<Multiaddr> Addresses)
{
    /// <summary>Largest envelope accepted.</summary>
    public const int MaxEnvelopeLength = 16 * 1024;

    private const string Domain = "libp2p-peer-record";
    private static readonly byte[] PeerRecordPayloadType = [0x03, 0x01];

    /// <summary>Parses and verifies <paramref name="envelope"/>; returns false (and why) for anything invalid.</summary>
    public static bool TryParse(ReadOnlySpan<byte> envelope, out SignedPeerRecord? record, out string? error)
    {
        record = null;
        try
        {
            record = Parse(envelope);
            error = null;
            return true;
        }
        catch (FormatException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    /// <summary>Creates and signs a record for <paramref name="key"/> (used by tests and for our own PX).</summary>
    public static byte[] Create(PrivateKey key, ulong sequence, IEnumerable<Multiaddr> addresses)
    {
        ArgumentNullException.ThrowIfNull(key);
        var payload = new ProtobufWriter().WriteBytes(1, key.PeerId.Bytes).WriteVarint(2, sequence);
        foreach (var address in addresses)
        {
            payload.WriteMessage(3, new ProtobufWriter().WriteBytes(1, address.Bytes));
        }

        var payloadBytes = payload.ToArray();
        return new ProtobufWriter()
            .WriteBytes(1, key.PublicKey.Protobuf)
            .WriteBytes(2, PeerRecordPayloadType)
            .WriteBytes(3, payloadBytes)
            .WriteBytes(5, key.Sign(SignedContent(PeerRecordPayloadType, payloadBytes)))
            .ToArray();
    }

    private static SignedPeerRecord Parse(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length > MaxEnvelopeLength)
        {
            throw new FormatException($"A {envelope.Length}-byte envelope exceeds the limit of {MaxEnvelopeLength}.");
        }

        byte[]? publicKey = null, payloadType = null, payload = null, signature = null;
        var reader = new ProtobufReader(envelope);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1: publicKey = reader.ReadBytes(wireType).ToArray(); break;
                case 2: payloadType = reader.ReadBytes(wireType).ToArray(); break;
                case 3: payload = reader.ReadBytes(wireType).ToArray(); break;
                case 5: signature = reader.ReadBytes(wireType).ToArray(); break;
                default: reader.Skip(wireType); break;
            }
        }

        if (publicKey is null || payloadType is null || payload is null || signature is null)
        {
            throw new FormatException("The envelope lacks its key, payload type, payload or signature.");
        }

        if (!payloadType.AsSpan().SequenceEqual(PeerRecordPayloadType))
        {
            throw new FormatException("The envelope does not hold a peer record.");
        }

        var key = PublicKey.FromProtobuf(publicKey);
        if (!key.Verify(SignedContent(payloadType, payload), signature))
        {
            throw new FormatException("The envelope signature does not verify.");
        }

        var record = ParsePayload(payload);
        return record.PeerId.Matches(key) ? record : throw new FormatException("The record's peer id does not match the signing key.");
    }

    private static SignedPeerRecord ParsePayload(ReadOnlySpan<byte> payload)
    {
        PeerId? peerId = null;
        ulong sequence = 0;
        var addresses = new List<Multiaddr>();
        var reader = new ProtobufReader(payload);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1: peerId = PeerId.FromBytes(reader.ReadBytes(wireType)); break;
                case 2: sequence = reader.ReadVarint(wireType); break;
                case 3 when addresses.Count < 64: addresses.Add(ParseAddressInfo(reader.ReadBytes(wireType))); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new SignedPeerRecord(peerId ?? throw new FormatException("The peer record has no peer id."), sequence, addresses);
    }

    private static Multiaddr ParseAddressInfo(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1)
            {
                return Multiaddr.FromBytes(reader.ReadBytes(wireType));
            }

            reader.Skip(wireType);
        }

        throw new FormatException("A peer record address has no multiaddr.");
    }

    private static byte[] SignedContent(byte[] payloadType, byte[] payload)
    {
        var domain = System.Text.Encoding.UTF8.GetBytes(Domain);
        return [.. Varint.Encode((ulong)domain.Length), .. domain, .. Varint.Encode((ulong)payloadType.Length), .. payloadType,
            .. Varint.Encode((ulong)payload.Length), .. payload];
    }
}
