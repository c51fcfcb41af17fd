using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>Decodes the <c>ControlMessage</c> part of an RPC (split from <see cref="RpcDecoder"/> for size).</summary>
internal static class ControlDecoder
{
    public static ControlMessage Read(ReadOnlySpan<byte> bytes, ref RpcDecoder.Counters counters)
    {
        var ihave = new List<ControlIHave>();
        var iwant = new List<ControlIWant>();
        var graft = new List<ControlGraft>();
        var prune = new List<ControlPrune>();
        var idontwant = new List<ControlIDontWant>();
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field is < 1 or > 5)
            {
                reader.Skip(wireType);
                continue;
            }

            ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, $"Field {field}");
            RpcDecoder.Count(ref counters.ControlEntries, counters.Limits.MaxControlEntries, "control entries");
            var body = reader.ReadBytes();
            switch (field)
            {
                case 1: ihave.Add(ReadIHave(body, ref counters)); break;
                case 2: iwant.Add(new ControlIWant(ReadIdList(body, 1, ref counters))); break;
                case 3: graft.Add(new ControlGraft(ReadTopicOnly(body, counters.Limits))); break;
                case 4: prune.Add(ReadPrune(body, ref counters)); break;
                default: idontwant.Add(new ControlIDontWant(ReadIdList(body, 1, ref counters))); break;
            }
        }

        return new ControlMessage { IHave = ihave, IWant = iwant, Graft = graft, Prune = prune, IDontWant = idontwant };
    }

    private static ControlIHave ReadIHave(ReadOnlySpan<byte> bytes, ref RpcDecoder.Counters counters)
    {
        string? topic = null;
        var ids = new List<byte[]>();
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufWireType.LengthDelimited)
            {
                topic = reader.ReadString(counters.Limits.MaxTopicLength);
            }
            else if (field == 2 && wireType == ProtobufWireType.LengthDelimited)
            {
                ids.Add(ReadId(ref reader, ref counters));
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return new ControlIHave(topic ?? throw new FormatException("An IHAVE has no topic."), ids);
    }

    private static List<byte[]> ReadIdList(ReadOnlySpan<byte> bytes, int idField, ref RpcDecoder.Counters counters)
    {
        var ids = new List<byte[]>();
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == idField && wireType == ProtobufWireType.LengthDelimited)
            {
                ids.Add(ReadId(ref reader, ref counters));
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return ids;
    }

    private static byte[] ReadId(ref ProtobufReader reader, ref RpcDecoder.Counters counters)
    {
        RpcDecoder.Count(ref counters.MessageIds, counters.Limits.MaxMessageIds, "message ids");
        var id = reader.ReadBytes();
        return id.Length <= counters.Limits.MaxMessageIdLength
            ? id.ToArray()
            : throw new FormatException($"A message id of {id.Length} bytes exceeds the limit of {counters.Limits.MaxMessageIdLength}.");
    }

    private static string ReadTopicOnly(ReadOnlySpan<byte> bytes, RpcDecodeLimits limits)
    {
        string? topic = null;
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufWireType.LengthDelimited)
            {
                topic = reader.ReadString(limits.MaxTopicLength);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return topic ?? throw new FormatException("A GRAFT has no topic.");
    }

    private static ControlPrune ReadPrune(ReadOnlySpan<byte> bytes, ref RpcDecoder.Counters counters)
    {
        string? topic = null;
        ulong? backoff = null;
        var peers = new List<PeerExchangeRecord>();
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufWireType.LengthDelimited)
            {
                topic = reader.ReadString(counters.Limits.MaxTopicLength);
            }
            else if (field == 2 && wireType == ProtobufWireType.LengthDelimited)
            {
                RpcDecoder.Count(ref counters.PeerExchangeRecords, counters.Limits.MaxPeerExchangeRecords, "peer exchange records");
                peers.Add(ReadPeerInfo(reader.ReadBytes()));
            }
            else if (field == 3 && wireType == ProtobufWireType.Varint)
            {
                backoff = reader.ReadVarint();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return new ControlPrune(topic ?? throw new FormatException("A PRUNE has no topic."), peers, backoff);
    }

    private static PeerExchangeRecord ReadPeerInfo(ReadOnlySpan<byte> bytes)
    {
        byte[]? peerId = null, record = null;
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufWireType.LengthDelimited)
            {
                peerId = reader.ReadBytes().ToArray();
            }
            else if (field == 2 && wireType == ProtobufWireType.LengthDelimited)
            {
                record = reader.ReadBytes().ToArray();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return new PeerExchangeRecord(peerId, record);
    }
}
