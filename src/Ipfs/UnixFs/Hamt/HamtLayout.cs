using System.Numerics;
using System.Text;

namespace DePinGpu.Ipfs.UnixFs.Hamt;

/// <summary>
/// The shape of a UnixFS HAMT with a given fanout: each level consumes log2(fanout) bits of the name's 64-bit murmur3
/// hash, most significant first; a link's name starts with the bucket index as upper-case hex, padded to the width of
/// <c>fanout - 1</c> (2 characters for Kubo's 256); a link that is only that prefix points to a child shard.
/// </summary>
public sealed class HamtLayout
{
    /// <summary>UnixFS <c>hashType</c> of murmur3-x64-64, the only HAMT hash Kubo and Helia produce or read.</summary>
    public const ulong Murmur3HashType = 0x22;

    /// <summary>Kubo's <c>Import.UnixFSHAMTDirectoryMaxFanout</c> default.</summary>
    public const int KuboFanout = 256;

    /// <summary>Smallest fanout accepted (Kubo requires a multiple of 8).</summary>
    public const int MinFanout = 8;

    /// <summary>Largest fanout accepted (Kubo's limit).</summary>
    public const int MaxFanout = 1024;

    private HamtLayout(int fanout)
    {
        Fanout = fanout;
        BitsPerLevel = BitOperations.Log2((uint)fanout);
        PrefixLength = (fanout - 1).ToString("X", System.Globalization.CultureInfo.InvariantCulture).Length;
        MaxDepth = 64 / BitsPerLevel;
    }

    /// <summary>The layout Kubo builds by default (fanout 256).</summary>
    public static HamtLayout Kubo { get; } = new(KuboFanout);

    /// <summary>Buckets per shard node.</summary>
    public int Fanout { get; }

    /// <summary>Hash bits consumed per level.</summary>
    public int BitsPerLevel { get; }

    /// <summary>Hex characters of a link name's bucket prefix.</summary>
    public int PrefixLength { get; }

    /// <summary>Levels the 64 hash bits allow; a deeper shard is malformed (or a collision no name can produce).</summary>
    public int MaxDepth { get; }

    /// <summary>True for a power of two between <see cref="MinFanout"/> and <see cref="MaxFanout"/>.</summary>
    public static bool IsValidFanout(ulong fanout) =>
        fanout is >= MinFanout and <= MaxFanout && BitOperations.IsPow2(fanout);

    /// <summary>The layout for <paramref name="fanout"/>; throws <see cref="ArgumentOutOfRangeException"/> for an invalid one.</summary>
    public static HamtLayout ForFanout(ulong fanout)
    {
        if (!IsValidFanout(fanout))
        {
            throw new ArgumentOutOfRangeException(nameof(fanout), fanout,
                $"A HAMT fanout must be a power of two between {MinFanout} and {MaxFanout}.");
        }

        return fanout == KuboFanout ? Kubo : new HamtLayout((int)fanout);
    }

    /// <summary>The HAMT hash of an entry name (murmur3 of its UTF-8 bytes).</summary>
    public static ulong HashOf(string name) => Murmur3.Hash64(Encoding.UTF8.GetBytes(name));

    /// <summary>The bucket of <paramref name="hash"/> at <paramref name="depth"/> (0 = the root shard).</summary>
    public int BucketIndex(ulong hash, int depth)
    {
        if (depth < 0 || depth >= MaxDepth)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"A fanout-{Fanout} HAMT has hash bits for {MaxDepth} levels.");
        }

        var shift = 64 - (BitsPerLevel * (depth + 1));
        return (int)((hash >> shift) & (ulong)(Fanout - 1));
    }

    /// <summary>The link-name prefix of bucket <paramref name="index"/>.</summary>
    public string Prefix(int index) => index.ToString("X" + PrefixLength, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a link name's prefix; false when it is too short or not upper-case hex inside the fanout.</summary>
    public bool TryParsePrefix(string? linkName, out int index)
    {
        index = 0;
        if (linkName is null || linkName.Length < PrefixLength)
        {
            return false;
        }

        for (var position = 0; position < PrefixLength; position++)
        {
            var digit = linkName[position] switch
            {
                >= '0' and <= '9' and var character => character - '0',
                >= 'A' and <= 'F' and var character => character - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            index = (index * 16) + digit;
        }

        return index < Fanout;
    }
}
