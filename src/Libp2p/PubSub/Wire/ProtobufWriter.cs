using System.Text;

namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>
/// Minimal protobuf writer over a pre-sized span. The pubsub messages are few and small, and writing them by hand
/// keeps field order and presence exactly as the signature rules need (fields in tag order, absent = not written).
/// </summary>
internal ref struct ProtobufWriter(Span<byte> destination)
{
    private const int WireTypeVarint = 0;
    private const int WireTypeLengthDelimited = 2;

    private readonly Span<byte> _destination = destination;

    /// <summary>Bytes written so far.</summary>
    public int Position { get; private set; }

    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static int TagSize(int field) => VarintSize((ulong)(field << 3));

    public static int LengthDelimitedSize(int field, int length) => TagSize(field) + VarintSize((ulong)length) + length;

    public static int VarintFieldSize(int field, ulong value) => TagSize(field) + VarintSize(value);

    public static int StringFieldSize(int field, string value) =>
        LengthDelimitedSize(field, Encoding.UTF8.GetByteCount(value));

    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _destination[Position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _destination[Position++] = (byte)value;
    }

    public void WriteVarintField(int field, ulong value)
    {
        WriteVarint((ulong)((field << 3) | WireTypeVarint));
        WriteVarint(value);
    }

    /// <summary>Writes the tag and length of a nested message whose body the caller writes next.</summary>
    public void WriteLengthDelimitedHeader(int field, int length)
    {
        WriteVarint((ulong)((field << 3) | WireTypeLengthDelimited));
        WriteVarint((ulong)length);
    }

    public void WriteBytesField(int field, ReadOnlySpan<byte> value)
    {
        WriteLengthDelimitedHeader(field, value.Length);
        value.CopyTo(_destination[Position..]);
        Position += value.Length;
    }

    public void WriteStringField(int field, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLengthDelimitedHeader(field, length);
        Position += Encoding.UTF8.GetBytes(value, _destination[Position..]);
    }
}
