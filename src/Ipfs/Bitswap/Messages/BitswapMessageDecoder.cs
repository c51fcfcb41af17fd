using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// Decodes a Bitswap message body (proto3 <c>Message</c>, without its length prefix). Block bytes are slices of the
/// input, not copies. Malformed input — truncated fields, bad CIDs or prefixes, unknown enum values, limits exceeded —
/// throws <see cref="FormatException"/> naming the problem; unknown fields are skipped as proto3 requires.
/// </summary>
public static class BitswapMessageDecoder
{
    private const ulong Cidv0Codec = MulticodecCode.DagPb;

    /// <summary>Decodes <paramref name="body"/> under <paramref name="limits"/> (the defaults when null).</summary>
    public static BitswapMessage Decode(ReadOnlyMemory<byte> body, BitswapMessageLimits? limits = null)
    {
        limits ??= BitswapMessageLimits.Default;
        if (body.Length > limits.MaxMessageSize)
        {
            throw new FormatException($"A {body.Length}-byte Bitswap message exceeds the limit of {limits.MaxMessageSize} bytes.");
        }

        var state = new DecodeState(limits);
        var reader = new ProtobufReader(body.Span);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    ReadWantlist(Slice(body, ref reader, wireType, "Message.wantlist"), state);
                    break;
                case 2:
                    state.AddBlock(new BitswapBlock(new CidPrefix(0, Cidv0Codec, MulticodecCode.Sha2_256, 32), Slice(body, ref reader, wireType, "Message.blocks")));
                    break;
                case 3:
                    state.AddBlock(ReadBlock(Slice(body, ref reader, wireType, "Message.payload")));
                    break;
                case 4:
                    state.AddPresence(ReadPresence(Slice(body, ref reader, wireType, "Message.blockPresences").Span));
                    break;
                case 5:
                    ProtobufReader.Expect(wireType, ProtobufWireType.Varint, "Message.pendingBytes");
                    state.PendingBytes = (int)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return state.ToMessage();
    }

    private static void ReadWantlist(ReadOnlyMemory<byte> memory, DecodeState state)
    {
        state.HasWantlist = true;
        var reader = new ProtobufReader(memory.Span);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    state.AddEntry(ReadEntry(Slice(memory, ref reader, wireType, "Wantlist.entries").Span));
                    break;
                case 2:
                    ProtobufReader.Expect(wireType, ProtobufWireType.Varint, "Wantlist.full");
                    state.Full = reader.ReadVarint() != 0;
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
    }

    private static WantlistEntry ReadEntry(ReadOnlySpan<byte> span)
    {
        Cid? cid = null;
        var priority = 0;
        var cancel = false;
        var wantType = WantType.Block;
        var sendDontHave = false;
        var reader = new ProtobufReader(span);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, "Wantlist.Entry.block");
                    cid = ReadCid(reader.ReadBytes(), "Wantlist.Entry.block");
                    break;
                case 2:
                    ProtobufReader.Expect(wireType, ProtobufWireType.Varint, "Wantlist.Entry.priority");
                    priority = (int)reader.ReadVarint();
                    break;
                case 3:
                    ProtobufReader.Expect(wireType, ProtobufWireType.Varint, "Wantlist.Entry.cancel");
                    cancel = reader.ReadVarint() != 0;
                    break;
                case 4:
                    ProtobufReader.Expect(wireType, ProtobufWireType.Varint, "Wantlist.Entry.wantType");
                    wantType = ToWantType(reader.ReadVarint());
                    break;
                case 5:
                    ProtobufReader.Expect(wireType, ProtobufWireType.Varint, "Wantlist.Entry.sendDontHave");
                    sendDontHave = reader.ReadVarint() != 0;
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return cid is null
            ? throw new FormatException("A wantlist entry has no CID.")
            : new WantlistEntry(cid, priority, cancel, wantType, sendDontHave);
    }

    private static BitswapBlock ReadBlock(ReadOnlyMemory<byte> memory)
    {
        CidPrefix? prefix = null;
        var data = ReadOnlyMemory<byte>.Empty;
        var reader = new ProtobufReader(memory.Span);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, "Block.prefix");
                    prefix = CidPrefix.Parse(reader.ReadBytes());
                    break;
                case 2:
                    data = Slice(memory, ref reader, wireType, "Block.data");
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return prefix is { } value
            ? new BitswapBlock(value, data)
            : throw new FormatException("A block in a Bitswap message has no CID prefix.");
    }

    private static BlockPresence ReadPresence(ReadOnlySpan<byte> span)
    {
        Cid? cid = null;
        var type = BlockPresenceType.Have;
        var reader = new ProtobufReader(span);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, "BlockPresence.cid");
                    cid = ReadCid(reader.ReadBytes(), "BlockPresence.cid");
                    break;
                case 2:
                    ProtobufReader.Expect(wireType, ProtobufWireType.Varint, "BlockPresence.type");
                    type = ToPresenceType(reader.ReadVarint());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return cid is null ? throw new FormatException("A block presence has no CID.") : new BlockPresence(cid, type);
    }

    private static Cid ReadCid(ReadOnlySpan<byte> bytes, string field)
    {
        if (bytes.IsEmpty)
        {
            throw new FormatException($"{field} is empty; a CID was expected.");
        }

        try
        {
            return Cid.FromBytes(bytes);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"{field} is not a valid CID: {exception.Message}", exception);
        }
    }

    private static WantType ToWantType(ulong value) => value switch
    {
        0 => WantType.Block,
        1 => WantType.Have,
        _ => throw new FormatException($"Wantlist.Entry.wantType {value} is not a known want type (0 block, 1 have)."),
    };

    private static BlockPresenceType ToPresenceType(ulong value) => value switch
    {
        0 => BlockPresenceType.Have,
        1 => BlockPresenceType.DontHave,
        _ => throw new FormatException($"BlockPresence.type {value} is not a known presence type (0 have, 1 dont-have)."),
    };

    private static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> memory, ref ProtobufReader reader, ProtobufWireType wireType, string field)
    {
        ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, field);
        var (offset, length) = reader.ReadLengthDelimited();
        return memory.Slice(offset, length);
    }

    private sealed class DecodeState(BitswapMessageLimits limits)
    {
        private readonly List<WantlistEntry> _entries = [];
        private readonly List<BitswapBlock> _blocks = [];
        private readonly List<BlockPresence> _presences = [];

        public bool HasWantlist { get; set; }

        public bool Full { get; set; }

        public int PendingBytes { get; set; }

        public void AddEntry(WantlistEntry entry) => Add(_entries, entry, limits.MaxWantlistEntries, "wantlist entries");

        public void AddBlock(BitswapBlock block) => Add(_blocks, block, limits.MaxBlocks, "blocks");

        public void AddPresence(BlockPresence presence) => Add(_presences, presence, limits.MaxBlockPresences, "block presences");

        public BitswapMessage ToMessage() => new()
        {
            Wantlist = HasWantlist ? new BitswapWantlist(_entries, Full) : null,
            Blocks = _blocks,
            BlockPresences = _presences,
            PendingBytes = PendingBytes,
        };

        private static void Add<T>(List<T> list, T item, int limit, string what)
        {
            if (list.Count >= limit)
            {
                throw new FormatException($"The Bitswap message carries more than {limit} {what}.");
            }

            list.Add(item);
        }
    }
}
