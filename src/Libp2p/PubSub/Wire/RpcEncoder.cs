using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Protobuf;
using W = DePinGpu.Libp2p.Protobuf.ProtobufSpanWriter;

namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>Encodes <see cref="Rpc"/> frames and <see cref="RpcMessage"/>s in canonical field order.</summary>
public static class RpcEncoder
{
    /// <summary>Encodes <paramref name="rpc"/> without a length prefix.</summary>
    public static byte[] Encode(Rpc rpc)
    {
        var buffer = new byte[RpcSize(rpc)];
        var writer = new W(buffer);
        WriteRpc(ref writer, rpc);
        return buffer;
    }

    /// <summary>Encodes <paramref name="rpc"/> as a stream frame: <c>uvarint(length) ‖ RPC</c>.</summary>
    public static byte[] EncodeFrame(Rpc rpc)
    {
        var size = RpcSize(rpc);
        var buffer = new byte[Varint.SizeOf((ulong)size) + size];
        var writer = new W(buffer);
        writer.WriteVarint((ulong)size);
        WriteRpc(ref writer, rpc);
        return buffer;
    }

    /// <summary>Encodes one message (all present fields).</summary>
    public static byte[] EncodeMessage(RpcMessage message)
    {
        var buffer = new byte[MessageSize(message)];
        var writer = new W(buffer);
        WriteMessage(ref writer, message);
        return buffer;
    }

    /// <summary>Size in bytes of the encoded <paramref name="message"/>.</summary>
    public static int MessageSize(RpcMessage message) =>
        OptionalBytesSize(1, message.From) + OptionalBytesSize(2, message.Data) +
        OptionalBytesSize(3, message.SequenceNumber) + ProtobufSize.StringField(4, message.Topic) +
        OptionalBytesSize(5, message.Signature) + OptionalBytesSize(6, message.Key);

    /// <summary>Writes <paramref name="message"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int WriteMessage(RpcMessage message, Span<byte> destination)
    {
        var writer = new W(destination);
        WriteMessage(ref writer, message);
        return writer.Position;
    }

    private static int RpcSize(Rpc rpc)
    {
        var size = 0;
        foreach (var subscription in rpc.Subscriptions)
        {
            size += ProtobufSize.LengthDelimitedField(1, SubscriptionSize(subscription));
        }

        foreach (var message in rpc.Messages)
        {
            size += ProtobufSize.LengthDelimitedField(2, MessageSize(message));
        }

        if (rpc.Control is not null)
        {
            size += ProtobufSize.LengthDelimitedField(3, ControlSize(rpc.Control));
        }

        return size;
    }

    private static void WriteRpc(ref W writer, Rpc rpc)
    {
        foreach (var subscription in rpc.Subscriptions)
        {
            writer.WriteLengthPrefix(1, SubscriptionSize(subscription));
            writer.WriteVarintField(1, subscription.Subscribe ? 1UL : 0UL);
            writer.WriteStringField(2, subscription.Topic);
        }

        foreach (var message in rpc.Messages)
        {
            writer.WriteLengthPrefix(2, MessageSize(message));
            WriteMessage(ref writer, message);
        }

        if (rpc.Control is not null)
        {
            writer.WriteLengthPrefix(3, ControlSize(rpc.Control));
            WriteControl(ref writer, rpc.Control);
        }
    }

    private static int SubscriptionSize(SubscriptionOption subscription) =>
        ProtobufSize.VarintField(1, subscription.Subscribe ? 1UL : 0UL) + ProtobufSize.StringField(2, subscription.Topic);

    private static void WriteMessage(ref W writer, RpcMessage message)
    {
        WriteOptionalBytes(ref writer, 1, message.From);
        WriteOptionalBytes(ref writer, 2, message.Data);
        WriteOptionalBytes(ref writer, 3, message.SequenceNumber);
        writer.WriteStringField(4, message.Topic);
        WriteOptionalBytes(ref writer, 5, message.Signature);
        WriteOptionalBytes(ref writer, 6, message.Key);
    }

    private static int ControlSize(ControlMessage control)
    {
        var size = 0;
        foreach (var ihave in control.IHave)
        {
            size += ProtobufSize.LengthDelimitedField(1, IHaveSize(ihave));
        }

        foreach (var iwant in control.IWant)
        {
            size += ProtobufSize.LengthDelimitedField(2, IdListSize(1, iwant.MessageIds));
        }

        foreach (var graft in control.Graft)
        {
            size += ProtobufSize.LengthDelimitedField(3, ProtobufSize.StringField(1, graft.Topic));
        }

        foreach (var prune in control.Prune)
        {
            size += ProtobufSize.LengthDelimitedField(4, PruneSize(prune));
        }

        foreach (var idontwant in control.IDontWant)
        {
            size += ProtobufSize.LengthDelimitedField(5, IdListSize(1, idontwant.MessageIds));
        }

        return size;
    }

    private static void WriteControl(ref W writer, ControlMessage control)
    {
        foreach (var ihave in control.IHave)
        {
            writer.WriteLengthPrefix(1, IHaveSize(ihave));
            writer.WriteStringField(1, ihave.Topic);
            WriteIdList(ref writer, 2, ihave.MessageIds);
        }

        foreach (var iwant in control.IWant)
        {
            writer.WriteLengthPrefix(2, IdListSize(1, iwant.MessageIds));
            WriteIdList(ref writer, 1, iwant.MessageIds);
        }

        foreach (var graft in control.Graft)
        {
            writer.WriteLengthPrefix(3, ProtobufSize.StringField(1, graft.Topic));
            writer.WriteStringField(1, graft.Topic);
        }

        foreach (var prune in control.Prune)
        {
            writer.WriteLengthPrefix(4, PruneSize(prune));
            WritePrune(ref writer, prune);
        }

        foreach (var idontwant in control.IDontWant)
        {
            writer.WriteLengthPrefix(5, IdListSize(1, idontwant.MessageIds));
            WriteIdList(ref writer, 1, idontwant.MessageIds);
        }
    }

    private static int IHaveSize(ControlIHave ihave) => ProtobufSize.StringField(1, ihave.Topic) + IdListSize(2, ihave.MessageIds);

    private static int PruneSize(ControlPrune prune)
    {
        var size = ProtobufSize.StringField(1, prune.Topic);
        foreach (var peer in prune.Peers)
        {
            size += ProtobufSize.LengthDelimitedField(2, PeerInfoSize(peer));
        }

        return prune.BackoffSeconds is { } backoff ? size + ProtobufSize.VarintField(3, backoff) : size;
    }

    private static void WritePrune(ref W writer, ControlPrune prune)
    {
        writer.WriteStringField(1, prune.Topic);
        foreach (var peer in prune.Peers)
        {
            writer.WriteLengthPrefix(2, PeerInfoSize(peer));
            WriteOptionalBytes(ref writer, 1, peer.PeerId);
            WriteOptionalBytes(ref writer, 2, peer.SignedPeerRecord);
        }

        if (prune.BackoffSeconds is { } backoff)
        {
            writer.WriteVarintField(3, backoff);
        }
    }

    private static int PeerInfoSize(PeerExchangeRecord peer) =>
        OptionalBytesSize(1, peer.PeerId) + OptionalBytesSize(2, peer.SignedPeerRecord);

    private static int IdListSize(int field, IReadOnlyList<byte[]> ids)
    {
        var size = 0;
        foreach (var id in ids)
        {
            size += ProtobufSize.LengthDelimitedField(field, id.Length);
        }

        return size;
    }

    private static void WriteIdList(ref W writer, int field, IReadOnlyList<byte[]> ids)
    {
        foreach (var id in ids)
        {
            writer.WriteBytesField(field, id);
        }
    }

    private static int OptionalBytesSize(int field, byte[]? value) =>
        value is null ? 0 : ProtobufSize.LengthDelimitedField(field, value.Length);

    private static void WriteOptionalBytes(ref W writer, int field, byte[]? value)
    {
        if (value is not null)
        {
            writer.WriteBytesField(field, value);
        }
    }
}
