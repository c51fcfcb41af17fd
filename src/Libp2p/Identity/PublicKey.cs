namespace DePinGpu.Libp2p.Identity;

/// <summary>A libp2p public key: verifies signatures and derives the peer id. Equality is by protobuf bytes.</summary>
public abstract class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _protobuf;

    /// <summary>Initialises the key from its type and raw key bytes.</summary>
    private protected PublicKey(KeyType type, byte[] rawBytes)
    {
        Type = type;
        RawBytes = rawBytes;
        _protobuf = KeyProtobuf.Encode(type, rawBytes);
    }

    /// <summary>The key type.</summary>
    public KeyType Type { get; }

    /// <summary>The raw key (32 bytes for Ed25519, 33-byte compressed SEC1 for secp256k1).</summary>
    public ReadOnlyMemory<byte> RawBytes { get; }

    /// <summary>Parses a <c>PublicKey</c> protobuf; throws <see cref="FormatException"/> on bad or unsupported keys.</summary>
    public static PublicKey FromProtobuf(ReadOnlySpan<byte> protobuf)
    {
        var (type, data) = KeyProtobuf.Decode(protobuf);
        return type switch
        {
            KeyType.Ed25519 => Ed25519PublicKey.FromBytes(data),
            KeyType.Secp256k1 => Secp256k1PublicKey.FromBytes(data),
            _ => throw new FormatException($"{type} public keys are not supported; use Ed25519 or secp256k1."),
        };
    }

    /// <summary>The deterministic <c>PublicKey</c> protobuf.</summary>
    public ReadOnlySpan<byte> Protobuf => _protobuf;

    /// <summary>A copy of the <c>PublicKey</c> protobuf.</summary>
    public byte[] ToProtobuf() => (byte[])_protobuf.Clone();

    /// <summary>The peer id of this key.</summary>
    public PeerId ToPeerId() => PeerId.FromPublicKey(this);

    /// <summary>True when <paramref name="signature"/> is this key's valid signature of <paramref name="data"/>.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <inheritdoc />
    public bool Equals(PublicKey? other) => other is not null && Protobuf.SequenceEqual(other.Protobuf);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_protobuf);
        return hash.ToHashCode();
    }

    /// <summary>Key type and hex of the raw key.</summary>
    public override string ToString() => $"{Type}:{Convert.ToHexStringLower(RawBytes.Span)}";
}
