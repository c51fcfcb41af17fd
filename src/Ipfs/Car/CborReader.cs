using System.Buffers.Binary;
using System.Text;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Car;

/// <summary>
/// Reads the dag-cbor items of a CAR header; anything unexpected throws <see cref="FormatException"/>.
/// Kept instead of System.Formats.Cbor: a CAR header has two fields (roots: CIDs under tag 42, version), and this
/// allocation-free span reader accepts exactly dag-cbor's shortest-form encoding of them, where the library's
/// conformance modes are either laxer (Lax, Strict) or order map keys by rules a writer may not follow (Canonical);
/// the library would add a package for no gain. Not benchmarked against it (see docs/architecture.md).
/// </summary>
internal ref struct CborReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public CborReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    /// <summary>Reads an item head of the given major type and returns its argument (length, count or value).</summary>
    public ulong ReadHead(int major, string what)
    {
        var first = Take(1)[0];
        if (first >> 5 != major)
        {
            throw new FormatException($"{what}: expected CBOR major type {major}, found {first >> 5}");
        }

        var info = first & 31;
        return info switch
        {
            < 24 => (ulong)info,
            24 => Take(1)[0],
            25 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            26 => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            27 => BinaryPrimitives.ReadUInt64BigEndian(Take(8)),
            _ => throw new FormatException($"{what}: indefinite or reserved CBOR length {info} is not allowed in dag-cbor"),
        };
    }

    public string ReadText()
    {
        var length = ReadHead(CborWriter.MajorText, "map key");
        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException exception)
        {
            throw new FormatException("a map key is not valid UTF-8", exception);
        }
    }

    public Cid ReadCidLink()
    {
        var tag = ReadHead(CborWriter.MajorTag, "root");
        if (tag != CborWriter.CidTag)
        {
            throw new FormatException($"a root has CBOR tag {tag}, not 42 (CID)");
        }

        var bytes = Take(ReadHead(CborWriter.MajorBytes, "root"));
        if (bytes.Length < 2 || bytes[0] != 0)
        {
            throw new FormatException("a root CID lacks the 0x00 identity multibase prefix");
        }

        return Cid.FromBytes(bytes[1..]);
    }

    public readonly void ExpectEnd()
    {
        if (_position != _bytes.Length)
        {
            throw new FormatException($"{_bytes.Length - _position} bytes follow the header map");
        }
    }

    private ReadOnlySpan<byte> Take(ulong count)
    {
        if (count > (ulong)(_bytes.Length - _position))
        {
            throw new FormatException("the header ends early");
        }

        var slice = _bytes.Slice(_position, (int)count);
        _position += (int)count;
        return slice;
    }
}
