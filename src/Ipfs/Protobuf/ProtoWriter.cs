namespace DePinGpu.Ipfs.Protobuf;

/// <summary>
/// Span-based protobuf writing. Callers compute the exact size first (<c>SizeOf…</c>), allocate once and write,
/// which keeps encoding of the many small dag-pb nodes allocation-free apart from the result.
/// </summary>
internal static class ProtoWriter
{
    public static int SizeOfVarint(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>Size of a field key plus a length-delimited value of <paramref name="length"/> bytes.</summary>
    public static int SizeOfLengthDelimited(int fieldNumber, int length) =>
        SizeOfVarint(Key(fieldNumber, ProtoWireType.LengthDelimited)) + SizeOfVarint((ulong)length) + length;

    /// <summary>Size of a field key plus a varint value.</summary>
    public static int SizeOfVarintField(int fieldNumber, ulong value) =>
        SizeOfVarint(Key(fieldNumber, ProtoWireType.Varint)) + SizeOfVarint(value);

    public static void WriteVarint(Span<byte> destination, ref int position, ulong value)
    {
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[position++] = (byte)value;
    }

    public static void WriteVarintField(Span<byte> destination, ref int position, int fieldNumber, ulong value)
    {
        WriteVarint(destination, ref position, Key(fieldNumber, ProtoWireType.Varint));
        WriteVarint(destination, ref position, value);
    }

    /// <summary>Writes the key and length of a length-delimited field; the caller writes the value next.</summary>
    public static void WriteLengthPrefix(Span<byte> destination, ref int position, int fieldNumber, int length)
    {
        WriteVarint(destination, ref position, Key(fieldNumber, ProtoWireType.LengthDelimited));
        WriteVarint(destination, ref position, (ulong)length);
    }

    public static void WriteBytesField(Span<byte> destination, ref int position, int fieldNumber, ReadOnlySpan<byte> value)
    {
        WriteLengthPrefix(destination, ref position, fieldNumber, value.Length);
        value.CopyTo(destination[position..]);
        position += value.Length;
    }

    private static ulong Key(int fieldNumber, ProtoWireType wireType) => ((ulong)fieldNumber << 3) | (ulong)wireType;
}
