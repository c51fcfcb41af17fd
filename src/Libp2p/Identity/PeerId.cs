using System.ComponentModel;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Identity;

/// <summary>
/// A peer id: the multihash of a <c>PublicKey</c> protobuf (identity multihash when the protobuf is at most 42
/// bytes, as for Ed25519 and secp256k1; sha2-256 otherwise). Text is base58btc (<c>12D3KooW…</c>,
/// <c>16Uiu2HA…</c>, <c>Qm…</c>); parsing also accepts the CIDv1 form (<c>bafz…</c>). Immutable; equality by bytes.
/// </summary>
[TypeConverter(typeof(PeerIdTypeConverter))]
public sealed class PeerId : IEquatable<PeerId>, IComparable<PeerId>
{
    /// <summary>Protobufs up to this length are inlined with the identity multihash.</summary>
    public const int MaxInlineKeyLength = 42;

    /// <summary>Longest binary peer id accepted when parsing.</summary>
    public const int MaxBinaryLength = 128;

    private readonly byte[] _bytes;
    private readonly PublicKey? _publicKey;

    private PeerId(byte[] bytes, PublicKey? publicKey)
    {
        _bytes = bytes;
        _publicKey = publicKey;
    }

    /// <summary>The binary multihash.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The public key inlined in the id (identity multihash), or null for hashed (sha2-256) ids.</summary>
    public PublicKey? PublicKey => _publicKey;

    /// <summary>The peer id of <paramref name="publicKey"/>.</summary>
    public static PeerId FromPublicKey(PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var protobuf = publicKey.Protobuf;
        var multihash = protobuf.Length <= MaxInlineKeyLength ? Multihash.Identity(protobuf) : Multihash.Sha256(protobuf);
        return new PeerId(multihash.Bytes.ToArray(), protobuf.Length <= MaxInlineKeyLength ? publicKey : null);
    }

    /// <summary>Parses a binary peer id (a multihash); throws <see cref="FormatException"/> if invalid.</summary>
    public static PeerId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBinaryLength)
        {
            throw new FormatException($"A {bytes.Length}-byte peer id exceeds the limit of {MaxBinaryLength} bytes.");
        }

        var multihash = Multihash.Parse(bytes);
        if (multihash.Code == MulticodecCode.Sha2_256)
        {
            return new PeerId(bytes.ToArray(), null);
        }

        if (multihash.Code != MulticodecCode.Identity)
        {
            throw new FormatException($"A peer id must be an identity or sha2-256 multihash, not code 0x{multihash.Code:x}.");
        }

        if (multihash.Digest.Length > MaxInlineKeyLength)
        {
            throw new FormatException($"An identity peer id inlines at most {MaxInlineKeyLength} bytes of key, not {multihash.Digest.Length}.");
        }

        return new PeerId(bytes.ToArray(), Identity.PublicKey.FromProtobuf(multihash.Digest));
    }

    /// <summary>Parses base58btc text or CIDv1 text (codec libp2p-key); throws <see cref="FormatException"/> naming the problem.</summary>
    public static PeerId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new FormatException("The peer id text is empty.");
        }

        try
        {
            if (text[0] is '1' or 'Q')
            {
                return FromBytes(Base58Btc.Decode(text));
            }

            var cid = Cid.Parse(text);
            if (cid.Version != 1 || cid.Codec != MulticodecCode.Libp2pKey)
            {
                throw new FormatException($"a CID peer id must be CIDv1 with codec libp2p-key (0x72), not v{cid.Version} codec 0x{cid.Codec:x}");
            }

            return FromBytes(cid.Hash.Bytes);
        }
        catch (FormatException exception)
        {
            var shown = text.Length <= 80 ? text : text[..77] + "...";
            throw new FormatException($"'{shown}' is not a valid peer id: {exception.Message}", exception);
        }
    }

    /// <summary>Parses peer id text; returns false (and null) instead of throwing.</summary>
    public static bool TryParse(string? text, out PeerId? peerId)
    {
        peerId = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            peerId = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>True when this id was derived from <paramref name="publicKey"/>.</summary>
    public bool Matches(PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Equals(FromPublicKey(publicKey));
    }

    /// <summary>The CIDv1 text (base32, codec libp2p-key), e.g. <c>bafz…</c>.</summary>
    public string ToCidString() => Cid.CreateV1(MulticodecCode.Libp2pKey, Multihash.Parse(_bytes)).ToString();

    /// <summary>A copy of the binary multihash.</summary>
    public byte[] ToByteArray() => (byte[])_bytes.Clone();

    /// <summary>Base58btc text.</summary>
    public override string ToString() => Base58Btc.Encode(_bytes);

    /// <inheritdoc />
    public bool Equals(PeerId? other) => other is not null && Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PeerId);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public int CompareTo(PeerId? other) => other is null ? 1 : Bytes.SequenceCompareTo(other.Bytes);

    /// <summary>Equality by bytes.</summary>
    public static bool operator ==(PeerId? left, PeerId? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by bytes.</summary>
    public static bool operator !=(PeerId? left, PeerId? right) => !(left == right);
}
