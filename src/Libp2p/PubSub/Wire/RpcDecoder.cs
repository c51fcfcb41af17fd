using System.Diagnostics.CodeAnalysis;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>Decodes <see cref="Rpc"/> frames from untrusted peers, enforcing <see cref="RpcDecodeLimits"/>.</summary>
public static class RpcDecoder
{
    /// <summary>
    /// Decodes one RPC body (without its length prefix). Returns false with a reason when the bytes are malformed
    /// or exceed a limit; nothing partial is returned then.
    /// </summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> bytes,
        RpcDecodeLimits limits,
        [NotNullWhen(true)] out Rpc? rpc,
        [NotNullWhen(false)] out string? error)
    {
        try
        {
            var counters = new Counters(limits);
            rpc = ReadRpc(bytes, ref counters);
            error = null;
            return true;
        }
        catch (FormatException exception)
        {
            rpc = null;
            error = exception.Message;
            return false;
        }
    }

    /// <summary>Decodes a single <c>Message</c>; used for vectors and tests.</summary>
    public static bool TryDecodeMessage(
        ReadOnlySpan<byte> bytes,
        RpcDecodeLimits limits,
        [NotNullWhen(true)] out RpcMessage? message,
        [NotNullWhen(false)] out string? error)
    {
        try
        {
            message = ReadMessage(bytes, limits);
            error = null;
            return true;
        }
        catch (FormatException exception)
        {
            message = null;
            error = exception.Message;
            return false;
        }
    }

    private static Rpc ReadRpc(ReadOnlySpan<byte> bytes, ref Counters counters)
    {
        var subscriptions = new List<SubscriptionOption>();
        var messages = new List<RpcMessage>();
        ControlMessage? control = null;
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, $"Field {field}");
                    Count(ref counters.Subscriptions, counters.Limits.MaxSubscriptions, "subscriptions");
                    subscriptions.Add(ReadSubscription(reader.ReadBytes(), counters.Limits));
                    break;
                case 2:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, $"Field {field}");
                    Count(ref counters.Messages, counters.Limits.MaxMessages, "messages");
                    messages.Add(ReadMessage(reader.ReadBytes(), counters.Limits));
                    break;
                case 3:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, $"Field {field}");
                    control = MergeControl(control, ControlDecoder.Read(reader.ReadBytes(), ref counters));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new Rpc { Subscriptions = subscriptions, Messages = messages, Control = control };
    }

    private static SubscriptionOption ReadSubscription(ReadOnlySpan<byte> bytes, RpcDecodeLimits limits)
    {
        var subscribe = false;
        string? topic = null;
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufWireType.Varint)
            {
                subscribe = reader.ReadVarint() != 0;
            }
            else if (field == 2 && wireType == ProtobufWireType.LengthDelimited)
            {
                topic = reader.ReadString(limits.MaxTopicLength);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return new SubscriptionOption(subscribe, topic ?? throw new FormatException("A subscription has no topic."));
    }

    private static RpcMessage ReadMessage(ReadOnlySpan<byte> bytes, RpcDecodeLimits limits)
    {
        byte[]? from = null, data = null, sequence = null, signature = null, key = null;
        string? topic = null;
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field is < 1 or > 6)
            {
                reader.Skip(wireType);
                continue;
            }

            ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, $"Field {field}");
            switch (field)
            {
                case 1: from = reader.ReadBytes().ToArray(); break;
                case 2: data = reader.ReadBytes().ToArray(); break;
                case 3: sequence = reader.ReadBytes().ToArray(); break;
                case 4: topic = reader.ReadString(limits.MaxTopicLength); break;
                case 5: signature = reader.ReadBytes().ToArray(); break;
                default: key = reader.ReadBytes().ToArray(); break;
            }
        }

        return new RpcMessage
        {
            From = from,
            Data = data,
            SequenceNumber = sequence,
            Topic = topic ?? throw new FormatException("A message has no topic."),
            Signature = signature,
            Key = key,
        };
    }

    private static ControlMessage MergeControl(ControlMessage? first, ControlMessage second) => first is null
        ? second
        : new ControlMessage
        {
            IHave = [.. first.IHave, .. second.IHave],
            IWant = [.. first.IWant, .. second.IWant],
            Graft = [.. first.Graft, .. second.Graft],
            Prune = [.. first.Prune, .. second.Prune],
            IDontWant = [.. first.IDontWant, .. second.IDontWant],
        };

    internal static void Count(ref int counter, int limit, string what)
    {
        if (++counter > limit)
        {
            throw new FormatException($"The RPC holds more than {limit} {what}.");
        }
    }

    /// <summary>Running totals checked against the limits while one RPC is decoded.</summary>
    internal struct Counters(RpcDecodeLimits limits)
    {
        public readonly RpcDecodeLimits Limits = limits;
        public int Subscriptions;
        public int Messages;
        public int ControlEntries;
        public int MessageIds;
        public int PeerExchangeRecords;
    }
}
