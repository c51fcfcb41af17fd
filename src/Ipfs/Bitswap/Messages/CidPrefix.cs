using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// Everything of a CID except the digest: <c>varint(version) ‖ varint(codec) ‖ varint(multihash code) ‖
/// varint(digest length)</c>. Bitswap sends it with each block so the receiver can rebuild the CID by hashing the bytes.
/// </summary>
/// <param name="Version">0 or 1.</param>
/// <param name="Codec">The content multicodec (0x55 raw, 0x70 dag-pb, …).</param>
/// <param name="HashCode">The multihash function code (0x12 sha2-256).</param>
/// <param name="HashLength">The digest length in bytes.</param>
public readonly record struct CidPrefix(int Version, ulong Codec, ulong HashCode, int HashLength)
{
    /// <summary>Longest prefix accepted when parsing (four varints of at most 9 bytes).</summary>
    public const int MaxEncodedLength = 4 * Varint.MaxLength;

    /// <summary>The prefix of <paramref name="cid"/>.</summary>
    public static CidPrefix Of(Cid cid)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return new CidPrefix(cid.Version, cid.Codec, cid.Hash.Code, cid.Hash.Digest.Length);
    }

    /// <summary>True when a block of this prefix can be hashed and checked here (sha2-256 with a 32-byte digest).</summary>
    public bool CanVerify => HashCode == MulticodecCode.Sha2_256 && HashLength == 32;

    /// <summary>Parses a prefix; throws <see cref="FormatException"/> for a malformed or impossible one.</summary>
    public static CidPrefix Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedLength)
        {
            throw new FormatException($"A {bytes.Length}-byte CID prefix is longer than the {MaxEncodedLength} bytes four varints can take.");
        }

        var offset = 0;
        var version = ReadField(bytes, ref offset, "version");
        var codec = ReadField(bytes, ref offset, "codec");
        var hashCode = ReadField(bytes, ref offset, "multihash code");
        var hashLength = ReadField(bytes, ref offset, "digest length");
        if (offset != bytes.Length)
        {
            throw new FormatException($"{bytes.Length - offset} unexpected bytes follow the CID prefix.");
        }

        return Validate(version, codec, hashCode, hashLength);
    }

    /// <summary>Bytes <see cref="Write"/> produces.</summary>
    public int EncodedLength =>
        Varint.SizeOf((ulong)Version) + Varint.SizeOf(Codec) + Varint.SizeOf(HashCode) + Varint.SizeOf((ulong)HashLength);

    /// <summary>Writes the prefix into <paramref name="destination"/>; returns the bytes written.</summary>
    public int Write(Span<byte> destination)
    {
        var offset = Varint.Write((ulong)Version, destination);
        offset += Varint.Write(Codec, destination[offset..]);
        offset += Varint.Write(HashCode, destination[offset..]);
        offset += Varint.Write((ulong)HashLength, destination[offset..]);
        return offset;
    }

    /// <summary>The prefix bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        Write(bytes);
        return bytes;
    }

    /// <summary>
    /// Hashes <paramref name="data"/> and returns the verified block with its rebuilt CID (as CIDv1: a CIDv0 names the
    /// same block as the CIDv1 dag-pb CID with that multihash). Throws <see cref="NotSupportedException"/> when the hash
    /// function cannot be checked here (<see cref="CanVerify"/> is false).
    /// </summary>
    public Block ToBlock(ReadOnlyMemory<byte> data)
    {
        if (!CanVerify)
        {
            throw new NotSupportedException(
                $"Blocks hashed with multihash 0x{HashCode:x} ({HashLength} bytes) cannot be verified; only sha2-256 is supported.");
        }

        return Block.Create(Codec, data);
    }

    private static ulong ReadField(ReadOnlySpan<byte> bytes, ref int offset, string name)
    {
        var status = Varint.TryRead(bytes[offset..], out var value, out var read);
        if (status != VarintStatus.Ok)
        {
            throw new FormatException($"The CID prefix's {name} is {(status == VarintStatus.NeedMoreData ? "missing or truncated" : "not a valid varint")}.");
        }

        offset += read;
        return value;
    }

    private static CidPrefix Validate(ulong version, ulong codec, ulong hashCode, ulong hashLength)
    {
        if (version > 1)
        {
            throw new FormatException($"CID version {version} in a block prefix is not supported (only 0 and 1 exist).");
        }

        if (hashLength > Multihash.MaxDigestLength)
        {
            throw new FormatException($"A {hashLength}-byte digest in a block prefix exceeds the limit of {Multihash.MaxDigestLength} bytes.");
        }

        if (version == 0 && (codec != MulticodecCode.DagPb || hashCode != MulticodecCode.Sha2_256 || hashLength != 32))
        {
            throw new FormatException("A CIDv0 block prefix must be dag-pb with a 32-byte sha2-256 digest.");
        }

        return new CidPrefix((int)version, codec, hashCode, (int)hashLength);
    }
}
