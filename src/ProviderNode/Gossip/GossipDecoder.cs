using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.Protobuf;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// Reads gossip messages from untrusted peers (docs/gossip.md). A message over its size limit, malformed, of another
/// version, with a known field twice or a value out of bounds is refused with the reason; nothing partial is returned.
/// Unknown fields are skipped (a later minor revision may add some; the size limit still bounds them).
/// </summary>
public static class GossipDecoder
{
    /// <summary>Decodes a heartbeat.</summary>
    public static bool TryDecodeHeartbeat(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out HeartbeatMessage? message, [NotNullWhen(false)] out string? error) =>
        Run(bytes, GossipLimits.MaxHeartbeatBytes, ReadHeartbeat, out message, out error);

    /// <summary>Decodes a checkpoint announcement.</summary>
    public static bool TryDecodeCheckpoint(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out CheckpointAnnouncement? message, [NotNullWhen(false)] out string? error) =>
        Run(bytes, GossipLimits.MaxCheckpointBytes, ReadCheckpoint, out message, out error);

    /// <summary>Decodes a capacity message.</summary>
    public static bool TryDecodeCapacity(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out CapacityMessage? message, [NotNullWhen(false)] out string? error) =>
        Run(bytes, GossipLimits.MaxCapacityBytes, ReadCapacity, out message, out error);

    /// <summary>Why capacity values are out of bounds; null when they are fine.</summary>
    public static string? CapacityProblem(string gpuModel, uint gpuCount, uint freeGpus)
    {
        ArgumentNullException.ThrowIfNull(gpuModel);
        if (Encoding.UTF8.GetByteCount(gpuModel) > GossipLimits.MaxGpuModelBytes)
        {
            return $"The GPU model is longer than {GossipLimits.MaxGpuModelBytes} bytes.";
        }

        if (gpuCount > GossipLimits.MaxGpuCount)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The GPU count {gpuCount} is over {GossipLimits.MaxGpuCount}.");
        }

        return freeGpus > gpuCount
            ? string.Create(CultureInfo.InvariantCulture, $"{freeGpus} free GPUs is more than the {gpuCount} the node has.")
            : null;
    }

    private delegate T Reader<out T>(ReadOnlySpan<byte> bytes);

    private static bool Run<T>(ReadOnlySpan<byte> bytes, int limit, Reader<T> read, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out string? error)
        where T : class
    {
        message = null;
        if (bytes.Length > limit)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The message is {bytes.Length} bytes; the limit is {limit}.");
            return false;
        }

        try
        {
            message = read(bytes);
            error = null;
            return true;
        }
        catch (FormatException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static HeartbeatMessage ReadHeartbeat(ReadOnlySpan<byte> bytes)
    {
        var header = default(GossipHeaderReader);
        var leases = new List<LeaseEpoch>();
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (header.TryRead(ref reader, field, wireType))
            {
                continue;
            }

            if (field != 5)
            {
                reader.Skip(wireType);
                continue;
            }

            if (leases.Count == GossipLimits.MaxHeartbeatLeases)
            {
                throw new FormatException($"A heartbeat names at most {GossipLimits.MaxHeartbeatLeases} leases.");
            }

            leases.Add(ReadLeaseEpoch(reader.ReadBytes(wireType)));
        }

        return new HeartbeatMessage(header.ToHeader(), leases);
    }

    private static LeaseEpoch ReadLeaseEpoch(ReadOnlySpan<byte> bytes)
    {
        uint seen = 0;
        BigInteger leaseId = 0;
        ulong epoch = 0;
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    GossipWire.Once(ref seen, field);
                    leaseId = GossipWire.ReadUint256(reader.ReadBytes(wireType), "A lease id");
                    break;
                case 2:
                    GossipWire.Once(ref seen, field);
                    epoch = Uint32(reader.ReadVarint(wireType), "An epoch");
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new LeaseEpoch(leaseId, (uint)epoch);
    }

    private static CheckpointAnnouncement ReadCheckpoint(ReadOnlySpan<byte> bytes)
    {
        var header = default(GossipHeaderReader);
        BigInteger leaseId = 0;
        ulong epoch = 0;
        ulong step = 0;
        Cid? cid = null;
        var held = false;
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (header.TryRead(ref reader, field, wireType))
            {
                continue;
            }

            if (field is < 5 or > 9)
            {
                reader.Skip(wireType);
                continue;
            }

            GossipWire.Once(ref header.Seen, field);
            switch (field)
            {
                case 5:
                    leaseId = GossipWire.ReadUint256(reader.ReadBytes(wireType), "The lease id");
                    break;
                case 6:
                    epoch = Uint32(reader.ReadVarint(wireType), "The epoch");
                    break;
                case 7:
                    step = reader.ReadVarint(wireType);
                    break;
                case 8:
                    cid = ReadCid(reader.ReadBytes(wireType));
                    break;
                default:
                    held = reader.ReadBool(wireType);
                    break;
            }
        }

        var headerFields = header.ToHeader();
        return cid is null
            ? throw new FormatException("The checkpoint's CID (field 8) is required.")
            : new CheckpointAnnouncement(headerFields, leaseId, (uint)epoch, step, cid, held);
    }

    private static CapacityMessage ReadCapacity(ReadOnlySpan<byte> bytes)
    {
        var header = default(GossipHeaderReader);
        var model = string.Empty;
        ulong count = 0;
        ulong free = 0;
        ulong vram = 0;
        BigInteger price = 0;
        var reader = new ProtobufReader(bytes);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (header.TryRead(ref reader, field, wireType))
            {
                continue;
            }

            if (field is < 5 or > 9)
            {
                reader.Skip(wireType);
                continue;
            }

            GossipWire.Once(ref header.Seen, field);
            switch (field)
            {
                case 5:
                    ProtobufReader.Expect(wireType, ProtobufWireType.LengthDelimited, "The GPU model");
                    model = reader.ReadString(GossipLimits.MaxGpuModelBytes);
                    break;
                case 6:
                    count = Uint32(reader.ReadVarint(wireType), "The GPU count");
                    break;
                case 7:
                    free = Uint32(reader.ReadVarint(wireType), "The free GPU count");
                    break;
                case 8:
                    vram = Uint32(reader.ReadVarint(wireType), "The VRAM");
                    break;
                default:
                    price = GossipWire.ReadUint256(reader.ReadBytes(wireType), "The price");
                    break;
            }
        }

        var headerFields = header.ToHeader();
        var problem = CapacityProblem(model, (uint)count, (uint)free);
        return problem is not null
            ? throw new FormatException(problem)
            : new CapacityMessage(headerFields, model, (uint)count, (uint)free, (uint)vram, price);
    }

    private static Cid ReadCid(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > GossipLimits.MaxCidBytes)
        {
            throw new FormatException($"The CID is {bytes.Length} bytes; at most {GossipLimits.MaxCidBytes} are allowed.");
        }

        return Cid.FromBytes(bytes);
    }

    private static ulong Uint32(ulong value, string field) =>
        value <= uint.MaxValue ? value : throw new FormatException($"{field} does not fit in 32 bits.");
}
