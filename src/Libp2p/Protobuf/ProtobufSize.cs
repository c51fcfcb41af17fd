using System.Text;

namespace DePinGpu.Libp2p.Protobuf;

/// <summary>
/// Encoded sizes of protobuf fields, so encoders can compute a message's exact length, allocate once and write it
/// with <see cref="ProtobufSpanWriter"/> (nested messages need their length before their body).
/// </summary>
public static class ProtobufSize
{
    /// <summary>Bytes a varint takes (1 to 10).</summary>
    public static int Varint(ulong value) => Multiformats.Varint.SizeOf(value);

    /// <summary>Bytes the key of field <paramref name="fieldNumber"/> takes (the wire type never changes it).</summary>
    public static int Tag(int fieldNumber) => Varint((ulong)fieldNumber << 3);

    /// <summary>Bytes a varint field takes: key plus value.</summary>
    public static int VarintField(int fieldNumber, ulong value) => Tag(fieldNumber) + Varint(value);

    /// <summary>Bytes a length-delimited field takes: key, length prefix and <paramref name="length"/> bytes of value.</summary>
    public static int LengthDelimitedField(int fieldNumber, int length) =>
        Tag(fieldNumber) + Varint((ulong)length) + length;

    /// <summary>Bytes a string field takes once <paramref name="value"/> is encoded as UTF-8.</summary>
    public static int StringField(int fieldNumber, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return LengthDelimitedField(fieldNumber, Encoding.UTF8.GetByteCount(value));
    }

    /// <summary>Bytes a fixed32 field takes: key plus four bytes.</summary>
    public static int Fixed32Field(int fieldNumber) => Tag(fieldNumber) + 4;
}
