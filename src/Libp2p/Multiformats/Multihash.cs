using System.Security.Cryptography;

namespace DePinGpu.Libp2p.Multiformats;

/// <summary>A self-describing hash: <c>varint(code) ‖ varint(length) ‖ digest</c>.</summary>
public sealed class Multihash : IEquatable<Multihash>
{
    /// <summary>Largest digest accepted when parsing (identity multihashes carry whole keys).</summary>
    public const int MaxDigestLength = 1024;

    private readonly byte[] _bytes;

    private Multihash(ulong code, byte[] bytes, int digestOffset)
    {
        Code = code;
        _bytes = bytes;
        DigestOffset = digestOffset;
    }

    /// <summary>The hash function's multicodec code (0x12 sha2-256, 0x00 identity, …).</summary>
    public ulong Code { get; }

    /// <summary>The digest bytes.</summary>
    public ReadOnlySpan<byte> Digest => _bytes.AsSpan(DigestOffset);

    /// <summary>The full binary multihash.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    private int DigestOffset { get; }

    /// <summary>Wraps an existing digest.</summary>
    public static Multihash Create(ulong code, ReadOnlySpan<byte> digest)
    {
        if (code == MulticodecCode.Sha2_256 && digest.Length != 32)
        {
            throw new ArgumentException($"A sha2-256 digest is 32 bytes, not {digest.Length}.", nameof(digest));
        }

        var header = Varint.SizeOf(code) + Varint.SizeOf((ulong)digest.Length);
        var bytes = new byte[header + digest.Length];
        var offset = Varint.Write(code, bytes);
        offset += Varint.Write((ulong)digest.Length, bytes.AsSpan(offset));
        digest.CopyTo(bytes.AsSpan(offset));
        return new Multihash(code, bytes, offset);
    }

    /// <summary>SHA2-256 of <paramref name="data"/>.</summary>
    public static Multihash Sha256(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(data, digest);
        return Create(MulticodecCode.Sha2_256, digest);
    }

    /// <summary>Identity multihash: the data itself.</summary>
    public static Multihash Identity(ReadOnlySpan<byte> data) => Create(MulticodecCode.Identity, data);

    /// <summary>Parses a multihash at the start of <paramref name="source"/>.</summary>
    public static Multihash Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        var code = Varint.Read(source, out var codeLength);
        var length = Varint.ReadLength(source[codeLength..], MaxDigestLength, out var lengthLength);
        var total = codeLength + lengthLength + length;
        if (source.Length < total)
        {
            throw new FormatException($"The multihash announces a {length}-byte digest but only {source.Length - codeLength - lengthLength} bytes follow.");
        }

        if (code == MulticodecCode.Sha2_256 && length != 32)
        {
            throw new FormatException($"A sha2-256 multihash must have a 32-byte digest, not {length}.");
        }

        bytesRead = total;
        return new Multihash(code, source[..total].ToArray(), codeLength + lengthLength);
    }

    /// <summary>Parses a buffer that holds exactly one multihash.</summary>
    public static Multihash Parse(ReadOnlySpan<byte> bytes)
    {
        var multihash = Read(bytes, out var read);
        return read == bytes.Length
            ? multihash
            : throw new FormatException($"{bytes.Length - read} unexpected bytes follow the multihash.");
    }

    /// <summary>True when <paramref name="data"/> hashes to this multihash (identity and sha2-256 supported).</summary>
    public bool Matches(ReadOnlySpan<byte> data)
    {
        if (Code == MulticodecCode.Identity)
        {
            return data.SequenceEqual(Digest);
        }

        if (Code != MulticodecCode.Sha2_256)
        {
            throw new NotSupportedException($"Hash function 0x{Code:x} is not supported; only sha2-256 and identity are.");
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(data, digest);
        return CryptographicOperations.FixedTimeEquals(digest, Digest);
    }

    /// <inheritdoc />
    public bool Equals(Multihash? other) => other is not null && Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Multihash);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <summary>Base58btc text of the multihash.</summary>
    public override string ToString() => Base58Btc.Encode(Bytes);
}
