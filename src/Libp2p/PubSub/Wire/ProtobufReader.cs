using System.Text;

namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>
/// Minimal protobuf reader over a span. Unknown fields are skipped; groups, truncated input and over-long varints
/// are rejected with <see cref="FormatException"/>, which <see cref="RpcDecoder"/> turns into a decode error.
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> source)
{
    public const int WireTypeVarint = 0;
    public const int WireTypeFixed64 = 1;
    public const int WireTypeLengthDelimited = 2;
    public const int WireTypeFixed32 = 5;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _source = source;
    private int _position;

    public readonly bool AtEnd => _position >= _source.Length;

    public bool TryReadTag(out int field, out int wireType)
    {
        if (AtEnd)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field <= 0 || tag >> 3 > int.MaxValue)
        {
            throw new FormatException($"Invalid protobuf field number {tag >> 3}.");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _source.Length)
            {
                throw new FormatException("The protobuf input ends inside a varint.");
            }

            var current = _source[_position++];
            value |= (ulong)(current & 0x7F) << shift;
            if ((current & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A protobuf varint is longer than 10 bytes.");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_source.Length - _position))
        {
            throw new FormatException($"A protobuf field announces {length} bytes but only {_source.Length - _position} remain.");
        }

        var value = _source.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    public byte[] ReadBytes() => ReadLengthDelimited().ToArray();

    public string ReadString(int maximumBytes)
    {
        var bytes = ReadLengthDelimited();
        if (bytes.Length > maximumBytes)
        {
            throw new FormatException($"A string field of {bytes.Length} bytes exceeds the limit of {maximumBytes}.");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("A string field is not valid UTF-8.");
        }
    }

    public void Expect(int wireType, int expected, int field)
    {
        if (wireType != expected)
        {
            throw new FormatException($"Field {field} has wire type {wireType}, expected {expected}.");
        }
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireTypeVarint:
                ReadVarint();
                break;
            case WireTypeFixed64:
                Advance(8);
                break;
            case WireTypeLengthDelimited:
                ReadLengthDelimited();
                break;
            case WireTypeFixed32:
                Advance(4);
                break;
            default:
                throw new FormatException($"Unsupported protobuf wire type {wireType}.");
        }
    }

    private void Advance(int count)
    {
        if (_source.Length - _position < count)
        {
            throw new FormatException("The protobuf input ends inside a fixed-size field.");
        }

        _position += count;
    }
}
