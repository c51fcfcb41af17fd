namespace DePinGpu.Ipfs.UnixFs.Hamt;

/// <summary>
/// The occupied-bucket bitmap of a HAMT shard node (UnixFS <c>Data</c> field): a big-endian integer in which bit
/// <c>i</c> is set when bucket <c>i</c> holds a link, written without leading zero bytes (at least one byte), as Kubo's
/// go-bitfield and Helia's importer both write it.
/// </summary>
internal static class HamtBitfield
{
    /// <summary>Encodes the set of occupied buckets.</summary>
    public static byte[] Encode(IReadOnlyCollection<int> occupied, int fanout)
    {
        var full = new byte[fanout / 8];
        foreach (var index in occupied)
        {
            full[full.Length - 1 - (index / 8)] |= (byte)(1 << (index % 8));
        }

        var first = 0;
        while (first < full.Length - 1 && full[first] == 0)
        {
            first++;
        }

        return full[first..];
    }

    /// <summary>True when bucket <paramref name="index"/> is set in <paramref name="bitfield"/> (as written by <see cref="Encode"/>).</summary>
    public static bool IsSet(ReadOnlySpan<byte> bitfield, int index)
    {
        var byteFromEnd = index / 8;
        return byteFromEnd < bitfield.Length && (bitfield[bitfield.Length - 1 - byteFromEnd] & (1 << (index % 8))) != 0;
    }

    /// <summary>Number of set bits.</summary>
    public static int Count(ReadOnlySpan<byte> bitfield)
    {
        var count = 0;
        foreach (var value in bitfield)
        {
            count += System.Numerics.BitOperations.PopCount(value);
        }

        return count;
    }
}
