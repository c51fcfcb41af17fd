using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Encodes and decodes the UnixFS <c>Data</c> protobuf (proto2). Fields are written in field-number order,
/// blocksizes one key per value (not packed), exactly as Kubo and the JS importer do. The decoder also accepts packed
/// blocksizes and skips unknown fields (protobuf rules) but rejects duplicates of singular fields and wrong wire types.
/// </summary>
public static class UnixFsDataCodec
{
    /// <summary>Encodes <paramref name="value"/>.</summary>
    public static byte[] Encode(UnixFsData value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var mtime = value.ModificationTime is { } time ? EncodeTime(time) : null;
        var size = ProtobufSize.VarintField(1, (ulong)value.Type);
        size += value.Data is { } data ? ProtobufSize.LengthDelimitedField(2, data.Length) : 0;
        size += value.FileSize is { } fileSize ? ProtobufSize.VarintField(3, fileSize) : 0;
        foreach (var blockSize in value.BlockSizes)
        {
            size += ProtobufSize.VarintField(4, blockSize);
        }

        size += value.HashType is { } hashType ? ProtobufSize.VarintField(5, hashType) : 0;
        size += value.Fanout is { } fanout ? ProtobufSize.VarintField(6, fanout) : 0;
        size += value.Mode is { } mode ? ProtobufSize.VarintField(7, mode) : 0;
        size += mtime is not null ? ProtobufSize.LengthDelimitedField(8, mtime.Length) : 0;

        var result = new byte[size];
        var writer = new ProtobufSpanWriter(result);
        writer.WriteVarintField(1, (ulong)value.Type);
        if (value.Data is { } payload)
        {
            writer.WriteBytesField(2, payload.Span);
        }

        WriteOptional(ref writer, 3, value.FileSize);
        foreach (var blockSize in value.BlockSizes)
        {
            writer.WriteVarintField(4, blockSize);
        }

        WriteOptional(ref writer, 5, value.HashType);
        WriteOptional(ref writer, 6, value.Fanout);
        WriteOptional(ref writer, 7, value.Mode);
        if (mtime is not null)
        {
            writer.WriteBytesField(8, mtime);
        }

        return result;
    }

    /// <summary>Decodes a UnixFS Data message; malformed input throws <see cref="FormatException"/>.</summary>
    public static UnixFsData Decode(ReadOnlyMemory<byte> bytes)
    {
        var reader = new ProtobufReader(bytes.Span);
        var fields = new DecodedFields();
        while (reader.TryReadTag(out var field, out var wireType))
        {
            ReadField(ref reader, bytes, field, wireType, fields);
        }

        if (fields.Type is not { } type)
        {
            throw new FormatException("The UnixFS Data message has no Type.");
        }

        return new UnixFsData
        {
            Type = type,
            Data = fields.Data,
            FileSize = fields.FileSize,
            BlockSizes = fields.BlockSizes,
            HashType = fields.HashType,
            Fanout = fields.Fanout,
            Mode = fields.Mode,
            ModificationTime = fields.ModificationTime,
        };
    }

    private static void ReadField(ref ProtobufReader reader, ReadOnlyMemory<byte> bytes, int field, ProtobufWireType wireType, DecodedFields fields)
    {
        switch (field)
        {
            case 1:
                fields.Type = ParseType(Single(fields.Type is not null, ref reader, wireType, "Type"));
                break;
            case 2:
                Unset(fields.Data is not null, "Data");
                ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, "UnixFS Data");
                var (offset, length) = reader.ReadLengthDelimited();
                fields.Data = bytes.Slice(offset, length);
                break;
            case 3:
                fields.FileSize = Single(fields.FileSize is not null, ref reader, wireType, "filesize");
                break;
            case 4:
                ReadBlockSizes(ref reader, wireType, fields.BlockSizes);
                break;
            case 5:
                fields.HashType = Single(fields.HashType is not null, ref reader, wireType, "hashType");
                break;
            case 6:
                fields.Fanout = Single(fields.Fanout is not null, ref reader, wireType, "fanout");
                break;
            case 7:
                var mode = Single(fields.Mode is not null, ref reader, wireType, "mode");
                fields.Mode = mode <= uint.MaxValue ? (uint)mode : throw new FormatException($"UnixFS mode {mode} does not fit 32 bits.");
                break;
            case 8:
                Unset(fields.ModificationTime is not null, "mtime");
                ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, "UnixFS mtime");
                fields.ModificationTime = DecodeTime(reader.ReadBytes());
                break;
            default:
                reader.Skip(wireType);
                break;
        }
    }

    private static ulong Single(bool alreadySet, ref ProtobufReader reader, ProtobufWireType wireType, string name)
    {
        Unset(alreadySet, name);
        ProtobufReader.Expect(wireType, ProtobufWireType.Varint, $"UnixFS {name}");
        return reader.ReadVarint();
    }

    private static void Unset(bool alreadySet, string name)
    {
        if (alreadySet)
        {
            throw new FormatException($"The UnixFS Data message has a duplicate {name} field.");
        }
    }

    private static UnixFsType ParseType(ulong value) => value <= (ulong)UnixFsType.HamtShard
        ? (UnixFsType)value
        : throw new FormatException($"UnixFS Type {value} is unknown.");

    private static void ReadBlockSizes(ref ProtobufReader reader, ProtobufWireType wireType, List<ulong> sizes)
    {
        if (wireType == ProtobufWireType.Varint)
        {
            sizes.Add(reader.ReadVarint());
            return;
        }

        ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, "UnixFS blocksizes");
        var packed = new ProtobufReader(reader.ReadBytes());
        while (!packed.IsAtEnd)
        {
            sizes.Add(packed.ReadVarint());
        }
    }

    private static void WriteOptional(ref ProtobufSpanWriter writer, int field, ulong? value)
    {
        if (value is { } present)
        {
            writer.WriteVarintField(field, present);
        }
    }

    private static byte[] EncodeTime(UnixTime time)
    {
        var size = ProtobufSize.VarintField(1, unchecked((ulong)time.Seconds));
        size += time.FractionalNanoseconds is not null ? ProtobufSize.Fixed32Field(2) : 0;
        var result = new byte[size];
        var writer = new ProtobufSpanWriter(result);
        writer.WriteVarintField(1, unchecked((ulong)time.Seconds));
        if (time.FractionalNanoseconds is { } nanoseconds)
        {
            writer.WriteFixed32Field(2, nanoseconds);
        }

        return result;
    }

    private static UnixTime DecodeTime(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        long? seconds = null;
        uint? nanoseconds = null;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufWireType.Varint && seconds is null)
            {
                seconds = unchecked((long)reader.ReadVarint());
            }
            else if (field == 2 && wireType == ProtobufWireType.Fixed32 && nanoseconds is null)
            {
                nanoseconds = reader.ReadFixed32();
            }
            else
            {
                throw new FormatException($"The UnixFS mtime has an unexpected or duplicate field {field}.");
            }
        }

        return seconds is { } value
            ? new UnixTime(value, nanoseconds)
            : throw new FormatException("The UnixFS mtime has no Seconds.");
    }

    private sealed class DecodedFields
    {
        public UnixFsType? Type { get; set; }
        public ReadOnlyMemory<byte>? Data { get; set; }
        public ulong? FileSize { get; set; }
        public List<ulong> BlockSizes { get; } = [];
        public ulong? HashType { get; set; }
        public ulong? Fanout { get; set; }
        public uint? Mode { get; set; }
        public UnixTime? ModificationTime { get; set; }
    }
}
