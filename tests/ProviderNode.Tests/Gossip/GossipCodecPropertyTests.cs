using System.Numerics;
using CsCheck;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Gossip;

namespace DePinGpu.ProviderNode.Tests.Gossip;

public sealed class GossipCodecPropertyTests
{
    private const long LatestMilliseconds = 253_402_300_799_999;

    private static readonly Gen<GossipHeader> Headers = Gen.Select(
        Gen.Byte.Array[20], Gen.ULong, Gen.Long[0, LatestMilliseconds],
        (address, sequence, milliseconds) => new GossipHeader("0x" + Convert.ToHexStringLower(address), sequence, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)));

    private static readonly Gen<BigInteger> Uint256 = Gen.Byte.Array[0, 32].Select(bytes => new BigInteger(bytes, isUnsigned: true, isBigEndian: true));

    private static readonly Gen<HeartbeatMessage> Heartbeats = Gen.Select(
        Headers, Gen.Select(Uint256, Gen.UInt, (lease, epoch) => new LeaseEpoch(lease, epoch)).List[0, GossipLimits.MaxHeartbeatLeases],
        (header, leases) => new HeartbeatMessage(header, leases));

    private static readonly Gen<CheckpointAnnouncement> Checkpoints = Gen.Select(
        Headers, Uint256, Gen.UInt, Gen.ULong, Gen.Byte.Array[0, 64], Gen.Bool,
        (header, lease, epoch, step, block, held) => new CheckpointAnnouncement(header, lease, epoch, step, Cid.ForBlock(MulticodecCode.DagPb, block), held));

    private static readonly Gen<CapacityMessage> Capacities =
        from header in Headers
        from model in Gen.String[Gen.Char.AlphaNumeric, 0, GossipLimits.MaxGpuModelBytes]
        from count in Gen.UInt[0, GossipLimits.MaxGpuCount]
        from free in Gen.UInt[0, count]
        from vram in Gen.UInt
        from price in Uint256
        select new CapacityMessage(header, model, count, free, vram, price);

    [Fact]
    public void Heartbeat_RoundTrips_WithinItsSizeLimit() => Heartbeats.Sample(message =>
    {
        var bytes = GossipEncoder.Encode(message);
        Assert.InRange(bytes.Length, 1, GossipLimits.MaxHeartbeatBytes);
        Assert.True(GossipDecoder.TryDecodeHeartbeat(bytes, out var decoded, out var error), error);
        Assert.Equal(message.Header, decoded.Header);
        Assert.Equal(message.Leases, decoded.Leases);
    });

    [Fact]
    public void Checkpoint_RoundTrips_WithinItsSizeLimit() => Checkpoints.Sample(message =>
    {
        var bytes = GossipEncoder.Encode(message);
        Assert.InRange(bytes.Length, 1, GossipLimits.MaxCheckpointBytes);
        Assert.True(GossipDecoder.TryDecodeCheckpoint(bytes, out var decoded, out var error), error);
        Assert.Equal(message, decoded);
    });

    [Fact]
    public void Capacity_RoundTrips_WithinItsSizeLimit() => Capacities.Sample(message =>
    {
        var bytes = GossipEncoder.Encode(message);
        Assert.InRange(bytes.Length, 1, GossipLimits.MaxCapacityBytes);
        Assert.True(GossipDecoder.TryDecodeCapacity(bytes, out var decoded, out var error), error);
        Assert.Equal(message, decoded);
    });

    [Fact]
    public void ArbitraryBytes_AreDecodedOrRefused_NeverThrown() => Gen.Byte.Array[0, 600].Sample(bytes =>
    {
        GossipDecoder.TryDecodeHeartbeat(bytes, out _, out _);
        GossipDecoder.TryDecodeCheckpoint(bytes, out _, out _);
        GossipDecoder.TryDecodeCapacity(bytes, out _, out _);
    });

    [Fact]
    public void MutatedVectors_AreDecodedOrRefused_NeverThrown() => Gen.Select(Checkpoints, Gen.Int, Gen.Byte, (message, position, value) => (message, position, value)).Sample(sample =>
    {
        var bytes = GossipEncoder.Encode(sample.message);
        bytes[(int)((uint)sample.position % bytes.Length)] = sample.value;
        if (GossipDecoder.TryDecodeCheckpoint(bytes, out var decoded, out _))
        {
            Assert.True(GossipEncoder.Encode(decoded).Length <= GossipLimits.MaxCheckpointBytes);
        }
    });

    [Fact]
    public void Heartbeat_NamingTooManyLeases_IsNeitherEncodedNorDecoded()
    {
        var leases = Enumerable.Range(0, GossipLimits.MaxHeartbeatLeases + 1).Select(index => new LeaseEpoch(index, 0)).ToArray();
        var header = new GossipHeader("0x" + new string('1', 40), 1, DateTimeOffset.UnixEpoch);
        var encodable = GossipEncoder.Encode(new HeartbeatMessage(header, leases[..^1]));
        byte[] oneMore = [.. encodable, 0x2a, 0x04, 0x0a, 0x00, 0x10, 0x00];

        Assert.Throws<ArgumentException>(() => GossipEncoder.Encode(new HeartbeatMessage(header, leases)));
        Assert.False(GossipDecoder.TryDecodeHeartbeat(oneMore, out _, out var error));
        Assert.Contains("at most 64 leases", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_OverItsSizeLimit_IsRefusedBeforeDecoding()
    {
        Assert.False(GossipDecoder.TryDecodeCheckpoint(new byte[GossipLimits.MaxCheckpointBytes + 1], out _, out var error));
        Assert.Contains("the limit is 512", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Capacity_WithMoreFreeGpusThanGpus_IsRefused()
    {
        var header = new GossipHeader("0x" + new string('1', 40), 1, DateTimeOffset.UnixEpoch);

        Assert.Throws<ArgumentException>(() => GossipEncoder.Encode(new CapacityMessage(header, "A100", 2, 3, 80, 1)));
    }
}
