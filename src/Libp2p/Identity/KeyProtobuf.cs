using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Libp2p.Identity;

/// <summary>
/// The <c>PublicKey</c>/<c>PrivateKey</c> protobufs of the peer-ids spec: <c>{ required KeyType Type = 1;
/// required bytes Data = 2; }</c>, written deterministically (field 1 then field 2, nothing else).
/// </summary>
internal static class KeyProtobuf
{
    /// <summary>Upper bound on an encoded key; far above Ed25519/secp256k1 and typical RSA keys.</summary>
    public const int MaxEncodedLength = 8192;

    public static byte[] Encode(KeyType type, ReadOnlySpan<byte> data) =>
        new ProtobufWriter(data.Length + 8)
            .WriteVarint(1, (ulong)type)
            .WriteBytes(2, data)
            .ToArray();

    public static (KeyType Type, byte[] Data) Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length > MaxEncodedLength)
        {
            throw new FormatException($"A {encoded.Length}-byte key protobuf exceeds the limit of {MaxEncodedLength} bytes.");
        }

        ulong? type = null;
        byte[]? data = null;
        var reader = new ProtobufReader(encoded);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    type = reader.ReadVarint(wireType);
                    break;
                case 2:
                    data = reader.ReadBytes(wireType).ToArray();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (type is null || data is null)
        {
            throw new FormatException("A key protobuf must contain both Type (field 1) and Data (field 2).");
        }

        if (type > (ulong)KeyType.Ecdsa)
        {
            throw new FormatException($"Key type {type} is not a libp2p key type.");
        }

        return ((KeyType)type.Value, data);
    }
}
