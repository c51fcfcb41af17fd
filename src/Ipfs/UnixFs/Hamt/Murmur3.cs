using System.Buffers.Binary;
using System.Numerics;

namespace DePinGpu.Ipfs.UnixFs.Hamt;

/// <summary>
/// MurmurHash3 x64 128-bit with seed 0 (Austin Appleby's reference algorithm). UnixFS HAMTs (hash type 0x22,
/// "murmur3-x64-64") use only the first 64-bit half, read most significant bit first, as Kubo's Go implementation does.
/// </summary>
public static class Murmur3
{
    private const ulong C1 = 0x87c37b91114253d5UL;
    private const ulong C2 = 0x4cf5ad432745937fUL;

    /// <summary>The first half (h1) of MurmurHash3 x64 128 of <paramref name="data"/>: the UnixFS HAMT hash of a name.</summary>
    public static ulong Hash64(ReadOnlySpan<byte> data) => Hash128(data).High;

    /// <summary>Both 64-bit halves (h1, h2) of MurmurHash3 x64 128 of <paramref name="data"/>, seed 0.</summary>
    public static (ulong High, ulong Low) Hash128(ReadOnlySpan<byte> data)
    {
        ulong h1 = 0;
        ulong h2 = 0;
        var blocks = data.Length / 16;
        for (var index = 0; index < blocks; index++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(index * 16, 8));
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice((index * 16) + 8, 8));
            h1 ^= MixFirst(k1);
            h1 = (BitOperations.RotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
            h2 ^= MixSecond(k2);
            h2 = (BitOperations.RotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
        }

        var tail = data[(blocks * 16)..];
        ulong tail1 = 0;
        ulong tail2 = 0;
        for (var index = tail.Length - 1; index >= 0; index--)
        {
            if (index >= 8)
            {
                tail2 = (tail2 << 8) | tail[index];
            }
            else
            {
                tail1 = (tail1 << 8) | tail[index];
            }
        }

        if (tail.Length > 8)
        {
            h2 ^= MixSecond(tail2);
        }

        if (tail.Length > 0)
        {
            h1 ^= MixFirst(tail1);
        }

        h1 ^= (ulong)data.Length;
        h2 ^= (ulong)data.Length;
        h1 += h2;
        h2 += h1;
        h1 = Finalize(h1);
        h2 = Finalize(h2);
        h1 += h2;
        h2 += h1;
        return (h1, h2);
    }

    private static ulong MixFirst(ulong k) => BitOperations.RotateLeft(k * C1, 31) * C2;

    private static ulong MixSecond(ulong k) => BitOperations.RotateLeft(k * C2, 33) * C1;

    private static ulong Finalize(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
