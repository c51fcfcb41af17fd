using System.Text;

namespace DePinGpu.Libp2p.Protobuf;

/// <summary>
/// Reads protobuf fields from a buffer that holds one whole message. Every malformed input (truncated field,
/// bad varint, group wire types, lengths past the end) throws <see cref="FormatException"/>; nothing is read
/// beyond the buffer.
/// </summary>
public ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="buffer"/>.</summary>
    public ProtobufReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>True when the whole buffer has been consumed.</summary>
    public readonly bool IsAtEnd => _position >= _buffer.Length;

    /// <summary>Reads the next field key; returns false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out ProtobufWireType wireType)
    {
        fieldNumber = 0;
        wireType = ProtobufWireType.Varint;
        if (IsAtEnd)
        {
            return false;
        }

        var key = ReadRawVarint();
        var number = key >> 3;
        if (number == 0 || number > int.MaxValue >> 3)
        {
            throw new FormatException($"Protobuf field number {number} is out of range.");
        }

        var type = (int)(key & 7);
        if (type is not (0 or 1 or 2 or 5))
        {
            throw new FormatException($"Protobuf wire type {type} is not supported.");
        }

        fieldNumber = (int)number;
        wireType = (ProtobufWireType)type;
        return true;
    }

    /// <summary>Reads a varint field value; throws if <paramref name="wireType"/> is not varint.</summary>
    public ulong ReadVarint(ProtobufWireType wireType)
    {
        Expect(wireType, ProtobufWireType.Varint);
        return ReadRawVarint();
    }

    /// <summary>Reads a bool field value.</summary>
    public bool ReadBool(ProtobufWireType wireType) => ReadVarint(wireType) != 0;

    /// <summary>Reads a length-delimited field value as a slice of the underlying buffer.</summary>
    public ReadOnlySpan<byte> ReadBytes(ProtobufWireType wireType)
    {
        Expect(wireType, ProtobufWireType.LengthDelimited);
        var length = ReadRawVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw new FormatException($"A protobuf field announces {length} bytes but only {_buffer.Length - _position} remain.");
        }

        var slice = _buffer.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    /// <summary>Reads a UTF-8 string field; invalid UTF-8 throws.</summary>
    public string ReadString(ProtobufWireType wireType)
    {
        var bytes = ReadBytes(wireType);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new FormatException("A protobuf string field is not valid UTF-8.", exception);
        }
    }

    /// <summary>Skips the value of a field this reader does not know.</summary>
    public void Skip(ProtobufWireType wireType)
    {
        switch (wireType)
        {
            case ProtobufWireType.Varint:
                ReadRawVarint();
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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static void Expect(ProtobufWireType actual, ProtobufWireType expected)
    {
        if (actual != expected)
        {
            throw new FormatException($"Expected protobuf wire type {expected} but found {actual}.");
        }
    }

    private void Advance(int count)
    {
        if (_buffer.Length - _position < count)
        {
            throw new FormatException("A protobuf fixed-width field is truncated.");
        }

        _position += count;
    }

    private ulong ReadRawVarint()
    {
        // Protobuf varints may be up to 10 bytes and need not be minimal, unlike multiformats varints.
        ulong value = 0;
        for (var index = 0; index < 10; index++)
        {
            if (_position >= _buffer.Length)
            {
                throw new FormatException("A protobuf varint is truncated.");
            }

            var current = _buffer[_position++];
            value |= (ulong)(current & 0x7F) << (7 * index);
            if ((current & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A protobuf varint is longer than 10 bytes.");
    }
}
