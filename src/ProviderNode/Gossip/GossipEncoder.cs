using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// Writes the gossip messages as protobuf (docs/gossip.md): every field is written, in field order, so one message
/// has one encoding. Throws <see cref="ArgumentException"/> for a message outside <see cref="GossipLimits"/>.
/// </summary>
public static class GossipEncoder
{
    /// <summary>Encodes a heartbeat.</summary>
    public static byte[] Encode(HeartbeatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Leases.Count > GossipLimits.MaxHeartbeatLeases)
        {
            throw new ArgumentException($"A heartbeat names at most {GossipLimits.MaxHeartbeatLeases} leases (has {message.Leases.Count}).", nameof(message));
        }

        var writer = new ProtobufWriter();
        GossipWire.WriteHeader(writer, message.Header);
        foreach (var lease in message.Leases)
        {
            var entry = new ProtobufWriter(48)
                .WriteBytes(1, GossipWire.Uint256Bytes(lease.LeaseId))
                .WriteVarint(2, lease.Epoch);
            writer.WriteMessage(5, entry);
        }

        return Bounded(writer, GossipLimits.MaxHeartbeatBytes, "heartbeat");
    }

    /// <summary>Encodes a checkpoint announcement.</summary>
    public static byte[] Encode(CheckpointAnnouncement message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Cid.Bytes.Length > GossipLimits.MaxCidBytes)
        {
            throw new ArgumentException($"The CID is {message.Cid.Bytes.Length} bytes; at most {GossipLimits.MaxCidBytes} are allowed.", nameof(message));
        }

        var writer = new ProtobufWriter();
        GossipWire.WriteHeader(writer, message.Header);
        writer.WriteBytes(5, GossipWire.Uint256Bytes(message.LeaseId))
            .WriteVarint(6, message.Epoch)
            .WriteVarint(7, message.Step)
            .WriteBytes(8, message.Cid.Bytes)
            .WriteBool(9, message.Held);
        return Bounded(writer, GossipLimits.MaxCheckpointBytes, "checkpoint announcement");
    }

    /// <summary>Encodes a capacity message.</summary>
    public static byte[] Encode(CapacityMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problem = GossipDecoder.CapacityProblem(message.GpuModel, message.GpuCount, message.FreeGpus);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(message));
        }

        var writer = new ProtobufWriter();
        GossipWire.WriteHeader(writer, message.Header);
        writer.WriteString(5, message.GpuModel)
            .WriteVarint(6, message.GpuCount)
            .WriteVarint(7, message.FreeGpus)
            .WriteVarint(8, message.VramGb)
            .WriteBytes(9, GossipWire.Uint256Bytes(message.PricePerGpuSecond));
        return Bounded(writer, GossipLimits.MaxCapacityBytes, "capacity message");
    }

    private static byte[] Bounded(ProtobufWriter writer, int limit, string what)
    {
        if (writer.Length > limit)
        {
            throw new ArgumentException($"The {what} is {writer.Length} bytes; the limit is {limit}.");
        }

        return writer.ToArray();
    }
}
