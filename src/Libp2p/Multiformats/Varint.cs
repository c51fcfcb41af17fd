namespace DePinGpu.Libp2p.Multiformats;

/// <summary>
/// The multiformats unsigned varint (LEB128, 7 bits per byte, least significant group first), shared by
/// multistream-select, protobuf length prefixes, multiaddr, multihash and CIDs. Decoding rejects non-minimal
/// encodings and values longer than 9 bytes, as the spec requires.
/// </summary>
public static class Varint
{
    /// <summary>The longest encoding the multiformats spec allows (63 bits of value).</summary>
    public const int MaxLength = 9;

    /// <summary>Number of bytes <paramref name="value"/> takes when encoded.</summary>
    public static int SizeOf(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int Write(ulong value, Span<byte> destination)
    {
        if (value > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A multiformats varint holds at most 63 bits.");
        }

        var index = 0;
        while (value >= 0x80)
        {
            destination[index++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[index++] = (byte)value;
        return index;
    }

    /// <summary>Encodes <paramref name="value"/> into a new array.</summary>
    public static byte[] Encode(ulong value)
    {
        var buffer = new byte[SizeOf(value)];
        Write(value, buffer);
        return buffer;
    }

    /// <summary>
    /// Reads a varint from the start of <paramref name="source"/>. Returns <see cref="VarintStatus.NeedMoreData"/>
    /// when the input ends inside the varint (a streaming reader waits for more bytes), and
    /// <see cref="VarintStatus.Invalid"/> for over-long or non-minimal encodings.
    /// </summary>
    public static VarintStatus TryRead(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        value = 0;
        bytesRead = 0;
        for (var index = 0; index < MaxLength; index++)
        {
            if (index >= source.Length)
            {
                return VarintStatus.NeedMoreData;
            }

            var current = source[index];
            value |= (ulong)(current & 0x7F) << (7 * index);
            if ((current & 0x80) == 0)
            {
                // A final zero group after the first byte means the encoding was padded: not minimal.
                if (current == 0 && index > 0)
                {
                    value = 0;
                    return VarintStatus.Invalid;
                }

                bytesRead = index + 1;
                return VarintStatus.Ok;
            }
        }

        value = 0;
        return VarintStatus.Invalid;
    }

    /// <summary>Reads a complete varint or throws <see cref="FormatException"/>.</summary>
    public static ulong Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        return TryRead(source, out var value, out bytesRead) switch
        {
            VarintStatus.Ok => value,
            VarintStatus.NeedMoreData => throw new FormatException("The input ends inside a varint."),
            _ => throw new FormatException("The varint is longer than 9 bytes or not minimally encoded."),
        };
    }

    /// <summary>Reads a varint and checks it fits an <see cref="int"/> no larger than <paramref name="maximum"/>.</summary>
    public static int ReadLength(ReadOnlySpan<byte> source, int maximum, out int bytesRead)
    {
        var value = Read(source, out bytesRead);
        if (value > (ulong)maximum)
        {
            throw new FormatException($"Length {value} exceeds the limit of {maximum} bytes.");
        }

        return (int)value;
    }
}
