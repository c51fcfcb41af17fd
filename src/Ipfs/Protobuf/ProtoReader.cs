using System.Text;

namespace DePinGpu.Ipfs.Protobuf;

/// <summary>
/// A strict protobuf field reader over one whole message. Every malformed input (truncated field, over-long varint,
/// unsupported wire type, length past the end) throws <see cref="FormatException"/>; nothing outside the buffer is read.
/// </summary>
internal ref struct ProtoReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;

    public ProtoReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        Position = 0;
    }

    /// <summary>Offset of the next unread byte (used to slice the caller's memory without copying).</summary>
    public int Position { get; private set; }

    public readonly bool IsAtEnd => Position >= _buffer.Length;

    /// <summary>Reads the next field key; returns false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out ProtoWireType wireType)
    {
        fieldNumber = 0;
        wireType = ProtoWireType.Varint;
        if (IsAtEnd)
        {
            return false;
        }

        var key = ReadVarintValue();
        var number = key >> 3;
        if (number == 0 || number > int.MaxValue >> 3)
        {
            throw new FormatException($"Protobuf field number {number} is out of range.");
        }

        var type = (int)(key & 7);
        if (type is not (0 or 1 or 2 or 5))
        {
            throw new FormatException($"Protobuf wire type {type} (field {number}) is not supported.");
        }

        fieldNumber = (int)number;
        wireType = (ProtoWireType)type;
        return true;
    }

    /// <summary>Reads a varint value (protobuf varints: up to 10 bytes).</summary>
    public ulong ReadVarintValue()
    {
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

    /// <summary>Reads a length prefix and returns the offset and length of the bytes it covers, advancing past them.</summary>
    public (int Offset, int Length) ReadLengthDelimited()
    {
        var length = ReadVarintValue();
        if (length > (ulong)(_buffer.Length - Position))
        {
            throw new FormatException($"A protobuf field announces {length} bytes but only {_buffer.Length - Position} remain.");
        }

        var offset = Position;
        Position += (int)length;
        return (offset, (int)length);
    }

    /// <summary>Reads a length-delimited value as a slice of the buffer.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var (offset, length) = ReadLengthDelimited();
        return _buffer.Slice(offset, length);
    }

    /// <summary>Reads a length-delimited UTF-8 string; invalid UTF-8 throws.</summary>
    public string ReadString()
    {
        var bytes = ReadBytes();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new FormatException("A protobuf string field is not valid UTF-8.", exception);
        }
    }

    /// <summary>Reads a little-endian fixed32 value.</summary>
    public uint ReadFixed32()
    {
        if (_buffer.Length - Position < 4)
        {
            throw new FormatException("A protobuf fixed32 field is truncated.");
        }

        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Slice(Position, 4));
        Position += 4;
        return value;
    }

    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="expected"/>.</summary>
    public static void Expect(ProtoWireType actual, ProtoWireType expected, string field)
    {
        if (actual != expected)
        {
            throw new FormatException($"{field} has wire type {actual}, expected {expected}.");
        }
    }
}
