using System.Buffers.Binary;
using System.Text;

namespace DePinGpu.Libp2p.Protobuf;

/// <summary>
/// Writes protobuf fields, in the order they are called and with minimal varints, into a caller-provided span that
/// must be large enough (size it with <see cref="ProtobufSize"/>). Unlike <see cref="ProtobufWriter"/> it never
/// allocates, which suits encoders of many small messages (dag-pb nodes, Bitswap and pubsub frames) that size the
/// message first and write it once. Running out of space throws <see cref="IndexOutOfRangeException"/> or
/// <see cref="ArgumentException"/>, a bug in the caller's size computation.
/// </summary>
public ref struct ProtobufSpanWriter
{
    private readonly Span<byte> _destination;

    /// <summary>Starts writing at the beginning of <paramref name="destination"/>.</summary>
    public ProtobufSpanWriter(Span<byte> destination)
    {
        _destination = destination;
        Position = 0;
    }

    /// <summary>Number of bytes written so far.</summary>
    public int Position { get; private set; }

    /// <summary>The unwritten rest of the destination, for values another encoder writes in place (then call <see cref="Advance"/>).</summary>
    public readonly Span<byte> Remaining => _destination[Position..];

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="Remaining"/> as written.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _destination.Length - Position);
        Position += count;
    }

    /// <summary>Writes a bare varint (no key), e.g. a frame's length prefix.</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _destination[Position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _destination[Position++] = (byte)value;
    }

    /// <summary>Writes a field key.</summary>
    public void WriteTag(int fieldNumber, ProtobufWireType wireType)
    {
        if (fieldNumber <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fieldNumber), fieldNumber, "Protobuf field numbers start at 1.");
        }

        WriteVarint(((ulong)fieldNumber << 3) | (ulong)wireType);
    }

    /// <summary>Writes a varint field (wire type 0).</summary>
    public void WriteVarintField(int fieldNumber, ulong value)
    {
        WriteTag(fieldNumber, ProtobufWireType.Varint);
        WriteVarint(value);
    }

    /// <summary>Writes the key and length of a length-delimited field whose <paramref name="length"/> bytes the caller writes next.</summary>
    public void WriteLengthPrefix(int fieldNumber, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteVarint((ulong)length);
    }

    /// <summary>Writes a length-delimited bytes field (wire type 2).</summary>
    public void WriteBytesField(int fieldNumber, ReadOnlySpan<byte> value)
    {
        WriteLengthPrefix(fieldNumber, value.Length);
        value.CopyTo(_destination[Position..]);
        Position += value.Length;
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public void WriteStringField(int fieldNumber, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteLengthPrefix(fieldNumber, Encoding.UTF8.GetByteCount(value));
        Position += Encoding.UTF8.GetBytes(value, _destination[Position..]);
    }

    /// <summary>Writes a little-endian fixed32 field (wire type 5).</summary>
    public void WriteFixed32Field(int fieldNumber, uint value)
    {
        WriteTag(fieldNumber, ProtobufWireType.Fixed32);
        BinaryPrimitives.WriteUInt32LittleEndian(_destination.Slice(Position, 4), value);
        Position += 4;
    }
}
