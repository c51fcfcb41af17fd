using System.Buffers.Binary;
using System.Text;

namespace DePinGpu.Libp2p.Protobuf;

/// <summary>
/// Reads protobuf fields from a buffer that holds one whole message. Every malformed input (truncated field,
/// bad varint, group wire types, lengths past the end) throws <see cref="FormatException"/>; nothing is read
/// beyond the buffer.
/// </summary>
/// <remarks>
/// Two styles are supported. The checked methods take the field's wire type and throw when it is not the one the
/// value needs. The unchecked ones (no wire-type argument) read the value as-is; they serve decoders that call
/// <see cref="Expect(ProtobufWireType, ProtobufWireType, string)"/> first so the error names the field, or that
/// read raw values such as packed varints.
/// </remarks>
public ref struct ProtobufReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;

    /// <summary>Starts reading at the beginning of <paramref name="buffer"/>.</summary>
    public ProtobufReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        Position = 0;
    }

    /// <summary>
    /// Offset of the next unread byte. Decoders that hold the buffer as memory use it (or
    /// <see cref="ReadLengthDelimited"/>) to slice that memory without copying.
    /// </summary>
    public int Position { get; private set; }

    /// <summary>True when the whole buffer has been consumed.</summary>
    public readonly bool IsAtEnd => Position >= _buffer.Length;

    /// <summary>Reads the next field key; returns false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out ProtobufWireType wireType)
    {
        fieldNumber = 0;
        wireType = ProtobufWireType.Varint;
        if (IsAtEnd)
        {
            return false;
        }

        var key = ReadVarint();
        var number = key >> 3;
        if (number == 0 || number > int.MaxValue >> 3)
        {
            throw new FormatException($"Protobuf field number {number} is out of range.");
        }

        // Groups (3, 4) are deprecated and the rest undefined; rejecting them here means Skip never meets them.
        var type = (int)(key & 7);
        if (type is not (0 or 1 or 2 or 5))
        {
            throw new FormatException($"Protobuf wire type {type} (field {number}) is not supported.");
        }

        fieldNumber = (int)number;
        wireType = (ProtobufWireType)type;
        return true;
    }

    /// <summary>Throws a <see cref="FormatException"/> naming <paramref name="field"/> unless the wire types match.</summary>
    public static void Expect(ProtobufWireType actual, ProtobufWireType expected, string field)
    {
        if (actual != expected)
        {
            throw new FormatException($"{field} has wire type {actual}, expected {expected}.");
        }
    }

    /// <summary>Reads a varint field value; throws if <paramref name="wireType"/> is not varint.</summary>
    public ulong ReadVarint(ProtobufWireType wireType)
    {
        Expect(wireType, ProtobufWireType.Varint);
        return ReadVarint();
    }

    /// <summary>Reads a bare varint (protobuf varints: up to 10 bytes, not necessarily minimal).</summary>
    public ulong ReadVarint()
    {
        // Unlike multiformats varints, protobuf varints may be 10 bytes long (negative int32/int64) and non-minimal.
        ulong value = 0;
        for (var index = 0; index < 10; index++)
        {
            if (Position >= _buffer.Length)
            {
                throw new FormatException("A protobuf varint is truncated.");
            }

            var current = _buffer[Position++];
            value |= (ulong)(current & 0x7F) << (7 * index);
            if ((current & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A protobuf varint is longer than 10 bytes.");
    }

    /// <summary>Reads a bool field value.</summary>
    public bool ReadBool(ProtobufWireType wireType) => ReadVarint(wireType) != 0;

    /// <summary>Reads a length-delimited field value as a slice of the underlying buffer.</summary>
    public ReadOnlySpan<byte> ReadBytes(ProtobufWireType wireType)
    {
        Expect(wireType, ProtobufWireType.LengthDelimited);
        return ReadBytes();
    }

    /// <summary>Reads a length prefix and the bytes it covers, as a slice of the underlying buffer.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var (offset, length) = ReadLengthDelimited();
        return _buffer.Slice(offset, length);
    }

    /// <summary>
    /// Reads a length prefix and returns where the bytes it covers lie in the buffer, advancing past them; callers
    /// holding the buffer as <see cref="ReadOnlyMemory{T}"/> slice it with the result instead of copying.
    /// </summary>
    public (int Offset, int Length) ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_buffer.Length - Position))
        {
            throw new FormatException($"A protobuf field announces {length} bytes but only {_buffer.Length - Position} remain.");
        }

        var offset = Position;
        Position += (int)length;
        return (offset, (int)length);
    }

    /// <summary>Reads a UTF-8 string field; invalid UTF-8 throws.</summary>
    public string ReadString(ProtobufWireType wireType)
    {
        Expect(wireType, ProtobufWireType.LengthDelimited);
        return ReadString();
    }

    /// <summary>Reads a length-delimited UTF-8 string; invalid UTF-8 throws.</summary>
    public string ReadString() => DecodeUtf8(ReadBytes());

    /// <summary>
    /// Reads a length-delimited UTF-8 string of at most <paramref name="maximumBytes"/> bytes; longer strings and
    /// invalid UTF-8 throw. The limit keeps untrusted peers from making us allocate large strings.
    /// </summary>
    public string ReadString(int maximumBytes)
    {
        var bytes = ReadBytes();
        if (bytes.Length > maximumBytes)
        {
            throw new FormatException($"A string field of {bytes.Length} bytes exceeds the limit of {maximumBytes}.");
        }

        return DecodeUtf8(bytes);
    }

    /// <summary>Reads a bare little-endian fixed32 value.</summary>
    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Advance(4));

    /// <summary>Reads a bare little-endian fixed64 value.</summary>
    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Advance(8));

    /// <summary>Skips the value of a field this reader does not know.</summary>
    public void Skip(ProtobufWireType wireType)
    {
        switch (wireType)
        {
            case ProtobufWireType.Varint:
                ReadVarint();
                break;
            case ProtobufWireType.Fixed64:
                Advance(8);
                break;
            case ProtobufWireType.Fixed32:
                Advance(4);
                break;
            default:
                ReadBytes(wireType);
                break;
        }
    }

    private static void Expect(ProtobufWireType actual, ProtobufWireType expected)
    {
        if (actual != expected)
        {
            throw new FormatException($"Expected protobuf wire type {expected} but found {actual}.");
        }
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new FormatException("A protobuf string field is not valid UTF-8.", exception);
        }
    }

    private ReadOnlySpan<byte> Advance(int count)
    {
        if (_buffer.Length - Position < count)
        {
            throw new FormatException("A protobuf fixed-width field is truncated.");
        }

        var slice = _buffer.Slice(Position, count);
        Position += count;
        return slice;
    }
}
