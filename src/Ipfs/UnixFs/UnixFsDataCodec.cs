using DePinGpu.Ipfs.Protobuf;

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
        var size = ProtoWriter.SizeOfVarintField(1, (ulong)value.Type);
        size += value.Data is { } data ? ProtoWriter.SizeOfLengthDelimited(2, data.Length) : 0;
        size += value.FileSize is { } fileSize ? ProtoWriter.SizeOfVarintField(3, fileSize) : 0;
        foreach (var blockSize in value.BlockSizes)
        {
            size += ProtoWriter.SizeOfVarintField(4, blockSize);
        }

        size += value.HashType is { } hashType ? ProtoWriter.SizeOfVarintField(5, hashType) : 0;
        size += value.Fanout is { } fanout ? ProtoWriter.SizeOfVarintField(6, fanout) : 0;
        size += value.Mode is { } mode ? ProtoWriter.SizeOfVarintField(7, mode) : 0;
        size += mtime is not null ? ProtoWriter.SizeOfLengthDelimited(8, mtime.Length) : 0;

        var result = new byte[size];
        var position = 0;
        ProtoWriter.WriteVarintField(result, ref position, 1, (ulong)value.Type);
        if (value.Data is { } payload)
        {
            ProtoWriter.WriteBytesField(result, ref position, 2, payload.Span);
        }

        WriteOptional(result, ref position, 3, value.FileSize);
        foreach (var blockSize in value.BlockSizes)
        {
            ProtoWriter.WriteVarintField(result, ref position, 4, blockSize);
        }

        WriteOptional(result, ref position, 5, value.HashType);
        WriteOptional(result, ref position, 6, value.Fanout);
        WriteOptional(result, ref position, 7, value.Mode);
        if (mtime is not null)
        {
            ProtoWriter.WriteBytesField(result, ref position, 8, mtime);
        }

        return result;
    }

    /// <summary>Decodes a UnixFS Data message; malformed input throws <see cref="FormatException"/>.</summary>
    public static UnixFsData Decode(ReadOnlyMemory<byte> bytes)
    {
        var reader = new ProtoReader(bytes.Span);
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

    private static void ReadField(ref ProtoReader reader, ReadOnlyMemory<byte> bytes, int field, ProtoWireType wireType, DecodedFields fields)
    {
        switch (field)
        {
            case 1:
                fields.Type = ParseType(Single(fields.Type is not null, ref reader, wireType, "Type"));
                break;
            case 2:
                Unset(fields.Data is not null, "Data");
                ProtoReader.Expect(wireType, ProtoWireType.LengthDelimited, "UnixFS Data");
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
                ProtoReader.Expect(wireType, ProtoWireType.LengthDelimited, "UnixFS mtime");
                fields.ModificationTime = DecodeTime(reader.ReadBytes());
                break;
            default:
                SkipUnknown(ref reader, wireType);
                break;
        }
    }

    private static ulong Single(bool alreadySet, ref ProtoReader reader, ProtoWireType wireType, string name)
    {
        Unset(alreadySet, name);
        ProtoReader.Expect(wireType, ProtoWireType.Varint, $"UnixFS {name}");
        return reader.ReadVarintValue();
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

    private static void ReadBlockSizes(ref ProtoReader reader, ProtoWireType wireType, List<ulong> sizes)
    {
        if (wireType == ProtoWireType.Varint)
        {
            sizes.Add(reader.ReadVarintValue());
            return;
        }

        ProtoReader.Expect(wireType, ProtoWireType.LengthDelimited, "UnixFS blocksizes");
        var packed = new ProtoReader(reader.ReadBytes());
        while (!packed.IsAtEnd)
        {
            sizes.Add(packed.ReadVarintValue());
        }
    }

    private static void SkipUnknown(ref ProtoReader reader, ProtoWireType wireType)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint:
                reader.ReadVarintValue();
                break;
            case ProtoWireType.LengthDelimited:
                reader.ReadLengthDelimited();
                break;
            case ProtoWireType.Fixed32:
                reader.ReadFixed32();
                break;
            default:
                reader.ReadFixed32();
                reader.ReadFixed32();
                break;
        }
    }

    private static void WriteOptional(Span<byte> destination, ref int position, int field, ulong? value)
    {
        if (value is { } present)
        {
            ProtoWriter.WriteVarintField(destination, ref position, field, present);
        }
    }

    private static byte[] EncodeTime(UnixTime time)
    {
        var size = ProtoWriter.SizeOfVarintField(1, unchecked((ulong)time.Seconds));
        size += time.FractionalNanoseconds is not null ? 5 : 0;
        var result = new byte[size];
        var position = 0;
        ProtoWriter.WriteVarintField(result, ref position, 1, unchecked((ulong)time.Seconds));
        if (time.FractionalNanoseconds is { } nanoseconds)
        {
            result[position++] = (2 << 3) | (byte)ProtoWireType.Fixed32;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(position), nanoseconds);
        }

        return result;
    }

    private static UnixTime DecodeTime(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        long? seconds = null;
        uint? nanoseconds = null;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtoWireType.Varint && seconds is null)
            {
                seconds = unchecked((long)reader.ReadVarintValue());
            }
            else if (field == 2 && wireType == ProtoWireType.Fixed32 && nanoseconds is null)
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
