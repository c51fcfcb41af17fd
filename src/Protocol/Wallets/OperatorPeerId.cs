using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Protocol.Wallets;

/// <summary>
/// The libp2p peer id of an operator key: the identity multihash of the protobuf PublicKey
/// <c>{ Type: Secp256k1, Data: compressed key }</c>, i.e. <c>00 25 08 02 12 21 ‖ 33-byte key</c>.
/// The registry derives the same bytes on-chain.
/// </summary>
public sealed record OperatorPeerId
{
    /// <summary>Length of the peer id bytes: 6 header bytes and a 33-byte compressed key.</summary>
    public const int Length = 39;

    private static readonly byte[] Prefix = [0x00, 0x25, 0x08, 0x02, 0x12, 0x21];
    private readonly byte[] _bytes;

    private OperatorPeerId(byte[] bytes)
    {
        _bytes = bytes;
        Text = Base58Btc.Encode(bytes);
    }

    /// <summary>The peer id multihash bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The base58btc text form (<c>16Uiu2HA…</c>).</summary>
    public string Text { get; }

    /// <summary>Derives the peer id from a 33-byte compressed secp256k1 public key.</summary>
    public static OperatorPeerId FromCompressedPublicKey(ReadOnlySpan<byte> compressedKey)
    {
        if (compressedKey.Length != 33 || (compressedKey[0] != 0x02 && compressedKey[0] != 0x03))
        {
            throw new ArgumentException("A compressed secp256k1 public key is 33 bytes starting with 0x02 or 0x03.", nameof(compressedKey));
        }

        return new OperatorPeerId([.. Prefix, .. compressedKey]);
    }

    /// <summary>Reads peer id bytes (as stored by the registry), checking their shape.</summary>
    public static OperatorPeerId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length || !bytes[..Prefix.Length].SequenceEqual(Prefix))
        {
            throw new ArgumentException($"Operator peer ids are {Length} bytes starting with 0025 0802 1221.", nameof(bytes));
        }

        return FromCompressedPublicKey(bytes[Prefix.Length..]);
    }

    /// <summary>Parses the base58btc text form.</summary>
    public static OperatorPeerId Parse(string text) => FromBytes(Base58Btc.Decode(text));

    /// <summary>Copies the bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <inheritdoc />
    public bool Equals(OperatorPeerId? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Text;
}
