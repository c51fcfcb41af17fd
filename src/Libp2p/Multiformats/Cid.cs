using System.ComponentModel;
namespace DePinGpu.Libp2p.Multiformats;

/// <summary>
/// A content identifier. v0 is a bare sha2-256 multihash of a dag-pb block (text <c>Qm…</c>); v1 is
/// <c>varint(1) ‖ varint(codec) ‖ multihash</c> (text multibase, base32 <c>b…</c> by default).
/// Immutable; equality is by binary form.
/// </summary>
[TypeConverter(typeof(CidTypeConverter))]
public sealed class Cid : IEquatable<Cid>, IComparable<Cid>
{
    /// <summary>Upper bound on the binary size accepted when parsing.</summary>
    public const int MaxBinaryLength = 2048;

    private readonly byte[] _bytes;

    private Cid(int version, ulong codec, Multihash hash, byte[] bytes)
    {
        Version = version;
        Codec = codec;
        Hash = hash;
        _bytes = bytes;
    }

    /// <summary>0 or 1.</summary>
    public int Version { get; }

    /// <summary>The content's multicodec (0x55 raw, 0x70 dag-pb, …).</summary>
    public ulong Codec { get; }

    /// <summary>The content's multihash.</summary>
    public Multihash Hash { get; }

    /// <summary>The binary form.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>A CIDv1 for <paramref name="hash"/> with <paramref name="codec"/>.</summary>
    public static Cid CreateV1(ulong codec, Multihash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var bytes = new byte[1 + Varint.SizeOf(codec) + hash.Bytes.Length];
        var offset = Varint.Write(1, bytes);
        offset += Varint.Write(codec, bytes.AsSpan(offset));
        hash.Bytes.CopyTo(bytes.AsSpan(offset));
        return new Cid(1, codec, hash, bytes);
    }

    /// <summary>A CIDv0 (dag-pb, sha2-256) for <paramref name="hash"/>.</summary>
    public static Cid CreateV0(Multihash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (hash.Code != MulticodecCode.Sha2_256)
        {
            throw new ArgumentException("A CIDv0 must use a sha2-256 multihash.", nameof(hash));
        }

        return new Cid(0, MulticodecCode.DagPb, hash, hash.Bytes.ToArray());
    }

    /// <summary>The CIDv1 (sha2-256) of a block's bytes.</summary>
    public static Cid ForBlock(ulong codec, ReadOnlySpan<byte> block) => CreateV1(codec, Multihash.Sha256(block));

    /// <summary>Reads a binary CID at the start of <paramref name="source"/>.</summary>
    public static Cid Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        if (source.Length >= 2 && source[0] == 0x12 && source[1] == 0x20)
        {
            var legacy = Multihash.Read(source, out bytesRead);
            return CreateV0(legacy);
        }

        var version = Varint.Read(source, out var versionLength);
        if (version != 1)
        {
            throw new FormatException($"CID version {version} is not supported (only 0 and 1 exist).");
        }

        var codec = Varint.Read(source[versionLength..], out var codecLength);
        var hash = Multihash.Read(source[(versionLength + codecLength)..], out var hashLength);
        bytesRead = versionLength + codecLength + hashLength;
        return new Cid(1, codec, hash, source[..bytesRead].ToArray());
    }

    /// <summary>Parses a buffer that holds exactly one binary CID.</summary>
    public static Cid FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBinaryLength)
        {
            throw new FormatException($"A {bytes.Length}-byte CID exceeds the limit of {MaxBinaryLength} bytes.");
        }

        var cid = Read(bytes, out var read);
        return read == bytes.Length
            ? cid
            : throw new FormatException($"{bytes.Length - read} unexpected bytes follow the CID.");
    }

    /// <summary>Parses CID text: <c>Qm…</c> (v0) or multibase (v1, e.g. <c>bafy…</c>).</summary>
    public static Cid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 0)
        {
            throw new FormatException("The CID text is empty.");
        }

        if (text.Length > MaxBinaryLength * 2)
        {
            throw new FormatException($"The CID text is {text.Length} characters long, more than any valid CID.");
        }

        try
        {
            if (text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal))
            {
                return CreateV0(Multihash.Parse(Base58Btc.Decode(text)));
            }

            var cid = FromBytes(Multibase.Decode(text));
            return cid.Version == 1
                ? cid
                : throw new FormatException("A CIDv0 must be written in base58btc without a multibase prefix.");
        }
        catch (FormatException exception)
        {
            throw new FormatException($"'{Shorten(text)}' is not a valid CID: {exception.Message}", exception);
        }
    }

    /// <summary>Parses CID text; returns false (and null) instead of throwing.</summary>
    public static bool TryParse(string? text, out Cid? cid)
    {
        cid = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            cid = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>This CID as v1 (a v0 becomes dag-pb v1 with the same multihash).</summary>
    public Cid ToV1() => Version == 1 ? this : CreateV1(Codec, Hash);

    /// <summary>Text form in the given multibase (v0 is always base58btc without prefix).</summary>
    public string ToString(MultibaseEncoding encoding) =>
        Version == 0 ? Base58Btc.Encode(_bytes) : Multibase.Encode(encoding, _bytes);

    /// <summary>Canonical text: base58btc for v0, base32 lower case for v1.</summary>
    public override string ToString() => ToString(MultibaseEncoding.Base32Lower);

    /// <inheritdoc />
    public bool Equals(Cid? other) => other is not null && Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Cid);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public int CompareTo(Cid? other) => other is null ? 1 : Bytes.SequenceCompareTo(other.Bytes);

    /// <summary>Equality by binary form.</summary>
    public static bool operator ==(Cid? left, Cid? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by binary form.</summary>
    public static bool operator !=(Cid? left, Cid? right) => !(left == right);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
