using System.Buffers;
using System.Text;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Libp2p.Protobuf;

/// <summary>
/// Writes protobuf fields in the order they are called, with minimal varints, so messages built field by field in
/// tag order are deterministic (as libp2p's signed structures require).
/// </summary>
public sealed class ProtobufWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>Creates a writer with an initial capacity in bytes.</summary>
    public ProtobufWriter(int initialCapacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(Math.Max(16, initialCapacity));
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _buffer.WrittenCount;

    /// <summary>Writes a varint field (wire type 0).</summary>
    public ProtobufWriter WriteVarint(int fieldNumber, ulong value)
    {
        WriteTag(fieldNumber, ProtobufWireType.Varint);
        WriteRawVarint(value);
        return this;
    }

    /// <summary>Writes a bool field as varint 0 or 1.</summary>
    public ProtobufWriter WriteBool(int fieldNumber, bool value) => WriteVarint(fieldNumber, value ? 1UL : 0UL);

    /// <summary>Writes a length-delimited bytes field (wire type 2).</summary>
    public ProtobufWriter WriteBytes(int fieldNumber, ReadOnlySpan<byte> value)
    {
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteRawVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public ProtobufWriter WriteString(int fieldNumber, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteRawVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
        return this;
    }

    /// <summary>Writes a nested message built by another writer.</summary>
    public ProtobufWriter WriteMessage(int fieldNumber, ProtobufWriter message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WriteBytes(fieldNumber, message.WrittenSpan);
    }

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Copies the written bytes into a new array prefixed with their uvarint length.</summary>
    public byte[] ToLengthPrefixedArray()
    {
        var body = _buffer.WrittenSpan;
        var result = new byte[Varint.SizeOf((ulong)body.Length) + body.Length];
        var offset = Varint.Write((ulong)body.Length, result);
        body.CopyTo(result.AsSpan(offset));
        return result;
    }

    private void WriteTag(int fieldNumber, ProtobufWireType wireType)
    {
        // The span writer validates the field number and encodes the key, so both writers agree byte for byte.
        var writer = new ProtobufSpanWriter(_buffer.GetSpan(Varint.MaxLength + 1));
        writer.WriteTag(fieldNumber, wireType);
        _buffer.Advance(writer.Position);
    }

    private void WriteRawVarint(ulong value)
    {
        var writer = new ProtobufSpanWriter(_buffer.GetSpan(Varint.MaxLength + 1));
        writer.WriteVarint(value);
        _buffer.Advance(writer.Position);
    }
}
