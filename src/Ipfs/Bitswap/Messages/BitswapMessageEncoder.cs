using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// Encodes Bitswap 1.2.0 messages: fields in number order (wantlist, payload, blockPresences, pendingBytes), proto3
/// defaults omitted, blocks always in field 3 with their CID prefix (never the 1.0.0 field 2). Sizes are computed first
/// so a message is written once into a buffer of exactly the right length.
/// </summary>
public static class BitswapMessageEncoder
{
    /// <summary>The encoded body length of <paramref name="message"/> (without the length prefix).</summary>
    public static int GetEncodedLength(BitswapMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = 0;
        if (message.Wantlist is { } wantlist)
        {
            size += ProtobufSize.LengthDelimitedField(1, WantlistLength(wantlist));
        }

        foreach (var block in message.Blocks)
        {
            size += SizeOfBlockField(block.Prefix.EncodedLength, block.Data.Length);
        }

        foreach (var presence in message.BlockPresences)
        {
            size += SizeOfPresenceField(presence.Cid, presence.Type);
        }

        return size + (message.PendingBytes == 0 ? 0 : ProtobufSize.VarintField(5, ToWire(message.PendingBytes)));
    }

    /// <summary>Writes the body of <paramref name="message"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(BitswapMessage message, Span<byte> destination) => Encode(message, destination, blockData: null, 0);

    /// <summary>
    /// Encodes <paramref name="message"/> like <see cref="Encode(BitswapMessage, Span{byte})"/> but, when
    /// <paramref name="blockData"/> is given, leaves the bytes of every block of at least <paramref name="minimumLeftOut"/>
    /// bytes out of <paramref name="destination"/> and lists them with the position in the encoding where they belong;
    /// returns the bytes written to the destination.
    /// </summary>
    public static int Encode(BitswapMessage message, Span<byte> destination, List<(int Position, ReadOnlyMemory<byte> Data)>? blockData, int minimumLeftOut)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new ProtobufSpanWriter(destination);
        if (message.Wantlist is { } wantlist)
        {
            writer.WriteLengthPrefix(1, WantlistLength(wantlist));
            foreach (var entry in wantlist.Entries)
            {
                WriteEntry(ref writer, entry);
            }

            if (wantlist.Full)
            {
                writer.WriteVarintField(2, 1);
            }
        }

        foreach (var block in message.Blocks)
        {
            WriteBlock(ref writer, block.Prefix, block.Data, block.Data.Length >= minimumLeftOut ? blockData : null);
        }

        foreach (var presence in message.BlockPresences)
        {
            writer.WriteLengthPrefix(4, PresenceLength(presence.Cid, presence.Type));
            writer.WriteBytesField(1, presence.Cid.Bytes);
            if (presence.Type != BlockPresenceType.Have)
            {
                writer.WriteVarintField(2, (ulong)presence.Type);
            }
        }

        if (message.PendingBytes != 0)
        {
            writer.WriteVarintField(5, ToWire(message.PendingBytes));
        }

        return writer.Position;
    }

    /// <summary>The encoded body as a new array.</summary>
    public static byte[] Encode(BitswapMessage message)
    {
        var bytes = new byte[GetEncodedLength(message)];
        Encode(message, bytes);
        return bytes;
    }

    /// <summary>Bytes one wantlist entry adds inside the wantlist (key, length and value).</summary>
    public static int SizeOfEntryField(WantlistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ProtobufSize.LengthDelimitedField(1, EntryLength(entry));
    }

    /// <summary>Bytes one block adds to a message (key, length and value).</summary>
    public static int SizeOfBlockField(int prefixLength, int dataLength) =>
        ProtobufSize.LengthDelimitedField(3, BlockLength(prefixLength, dataLength));

    /// <summary>Bytes one block presence adds to a message (key, length and value).</summary>
    public static int SizeOfPresenceField(Cid cid, BlockPresenceType type) =>
        ProtobufSize.LengthDelimitedField(4, PresenceLength(cid, type));

    /// <summary>Bytes the wantlist field takes for entries of <paramref name="entriesLength"/> bytes in total.</summary>
    public static int SizeOfWantlistField(int entriesLength, bool full) =>
        ProtobufSize.LengthDelimitedField(1, entriesLength + (full ? 2 : 0));

    private static int WantlistLength(BitswapWantlist wantlist)
    {
        var length = wantlist.Full ? 2 : 0;
        foreach (var entry in wantlist.Entries)
        {
            length += SizeOfEntryField(entry);
        }

        return length;
    }

    private static int EntryLength(WantlistEntry entry)
    {
        var length = ProtobufSize.LengthDelimitedField(1, entry.Cid.Bytes.Length);
        length += entry.Priority == 0 ? 0 : ProtobufSize.VarintField(2, ToWire(entry.Priority));
        length += entry.Cancel ? 2 : 0;
        length += entry.WantType == WantType.Block ? 0 : 2;
        return length + (entry.SendDontHave ? 2 : 0);
    }

    private static void WriteEntry(ref ProtobufSpanWriter writer, WantlistEntry entry)
    {
        writer.WriteLengthPrefix(1, EntryLength(entry));
        writer.WriteBytesField(1, entry.Cid.Bytes);
        if (entry.Priority != 0)
        {
            writer.WriteVarintField(2, ToWire(entry.Priority));
        }

        if (entry.Cancel)
        {
            writer.WriteVarintField(3, 1);
        }

        if (entry.WantType != WantType.Block)
        {
            writer.WriteVarintField(4, (ulong)entry.WantType);
        }

        if (entry.SendDontHave)
        {
            writer.WriteVarintField(5, 1);
        }
    }

    private static int BlockLength(int prefixLength, int dataLength) =>
        ProtobufSize.LengthDelimitedField(1, prefixLength) + ProtobufSize.LengthDelimitedField(2, dataLength);

    private static void WriteBlock(ref ProtobufSpanWriter writer, CidPrefix prefix, ReadOnlyMemory<byte> data, List<(int Position, ReadOnlyMemory<byte> Data)>? blockData)
    {
        var prefixLength = prefix.EncodedLength;
        writer.WriteLengthPrefix(3, BlockLength(prefixLength, data.Length));
        writer.WriteLengthPrefix(1, prefixLength);
        writer.Advance(prefix.Write(writer.Remaining));
        if (blockData is null)
        {
            writer.WriteBytesField(2, data.Span);
            return;
        }

        writer.WriteLengthPrefix(2, data.Length);
        blockData.Add((writer.Position, data));
    }

    private static int PresenceLength(Cid cid, BlockPresenceType type) =>
        ProtobufSize.LengthDelimitedField(1, cid.Bytes.Length) + (type == BlockPresenceType.Have ? 0 : 2);

    // proto3 int32 on the wire: negative values are sign-extended to 64 bits (ten varint bytes).
    private static ulong ToWire(int value) => (ulong)(long)value;
}
