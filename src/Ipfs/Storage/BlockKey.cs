using System.Buffers.Binary;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// A compact, allocation-free identity of a stored block (codec as CIDv1, hash code, first 32 digest bytes): about a
/// quarter of a <see cref="Cid"/>'s memory, which matters when a session holds millions of blocks.
/// </summary>
internal readonly record struct BlockKey(ulong Codec, ulong HashCode, UInt128 DigestLow, UInt128 DigestHigh)
{
    public static BlockKey Of(Cid cid)
    {
        Span<byte> digest = stackalloc byte[32];
        digest.Clear();
        var source = cid.Hash.Digest;
        source[..Math.Min(32, source.Length)].CopyTo(digest);
        return new BlockKey(
            cid.Codec,
            cid.Hash.Code,
            BinaryPrimitives.ReadUInt128LittleEndian(digest),
            BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]));
    }
}
