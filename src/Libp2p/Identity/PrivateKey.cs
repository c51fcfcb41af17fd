namespace DePinGpu.Libp2p.Identity;

/// <summary>A libp2p private key: signs data; its public half is the node's identity.</summary>
public abstract class PrivateKey
{
    /// <summary>The key type.</summary>
    public abstract KeyType Type { get; }

    /// <summary>The public key.</summary>
    public abstract PublicKey PublicKey { get; }

    /// <summary>The peer id of the public key.</summary>
    public PeerId PeerId => PublicKey.ToPeerId();

    /// <summary>Parses a <c>PrivateKey</c> protobuf (Ed25519: seed‖public, 64 or legacy 96 bytes; secp256k1: 32-byte scalar).</summary>
    public static PrivateKey FromProtobuf(ReadOnlySpan<byte> protobuf)
    {
        var (type, data) = KeyProtobuf.Decode(protobuf);
        return type switch
        {
            KeyType.Ed25519 => Ed25519PrivateKey.FromProtobufData(data),
            KeyType.Secp256k1 => Secp256k1PrivateKey.FromBytes(data),
            _ => throw new FormatException($"{type} private keys are not supported; use Ed25519 or secp256k1."),
        };
    }

    /// <summary>Signs <paramref name="data"/> the way libp2p specifies for this key type.</summary>
    public abstract byte[] Sign(ReadOnlySpan<byte> data);

    /// <summary>The <c>PrivateKey</c> protobuf (secret material: store it protected, never log it).</summary>
    public abstract byte[] ToProtobuf();

    /// <summary>Names the key by type and peer id only; the secret is never part of the text.</summary>
    public override string ToString() => $"{Type} private key of {PeerId}";
}
