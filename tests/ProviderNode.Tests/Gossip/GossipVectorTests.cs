using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Tests.Gossip;

/// <summary>The test vectors of docs/gossip.md: each file's hex decodes to the message and the message encodes to it.</summary>
public sealed class GossipVectorTests
{
    private const string Provider = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private const ulong FirstSequence = 1_764_705_600_000_000;
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_705_600_000);
    private static readonly Cid StepCid = Cid.ForBlock(MulticodecCode.DagPb, "step-17"u8);

    [Fact]
    public void Heartbeat_Vector_EncodesAndDecodes()
    {
        var message = new HeartbeatMessage(new GossipHeader(Provider, FirstSequence, SentAt), [new LeaseEpoch(1, 0), new LeaseEpoch(42, 3)]);
        var bytes = Vector("heartbeat");

        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(GossipEncoder.Encode(message)));
        Assert.True(GossipDecoder.TryDecodeHeartbeat(bytes, out var decoded, out var error), error);
        Assert.Equal(message.Header, decoded.Header);
        Assert.Equal(message.Leases, decoded.Leases);
    }

    [Theory]
    [InlineData("checkpoint-imported", false, 1)]
    [InlineData("checkpoint-held", true, 2)]
    public void Checkpoint_Vectors_EncodeAndDecode(string name, bool held, ulong sequenceOffset)
    {
        var message = new CheckpointAnnouncement(new GossipHeader(Provider, FirstSequence + sequenceOffset, SentAt), 42, 3, 17, StepCid, held);
        var bytes = Vector(name);

        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(GossipEncoder.Encode(message)));
        Assert.True(GossipDecoder.TryDecodeCheckpoint(bytes, out var decoded, out var error), error);
        Assert.Equal(message, decoded);
    }

    [Fact]
    public void Capacity_Vector_EncodesAndDecodes()
    {
        var message = new CapacityMessage(new GossipHeader(Provider, FirstSequence + 3, SentAt), "RTX4090", 8, 5, 24, BigInteger.Pow(10, 12));
        var bytes = Vector("capacity");

        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(GossipEncoder.Encode(message)));
        Assert.True(GossipDecoder.TryDecodeCapacity(bytes, out var decoded, out var error), error);
        Assert.Equal(message, decoded);
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("checkpoint-imported")]
    [InlineData("checkpoint-held")]
    [InlineData("capacity")]
    public void Vector_IsTheOneDocumentedInGossipMd(string name)
    {
        var documentation = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "gossip.md"));

        Assert.Contains(Convert.ToHexStringLower(Vector(name)), documentation, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_OfAnotherVersion_IsRefused()
    {
        var bytes = Vector("checkpoint-imported");
        bytes[1] = 2;

        Assert.False(GossipDecoder.TryDecodeCheckpoint(bytes, out _, out var error));
        Assert.Contains("Version 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_WithAFieldTwice_IsRefused()
    {
        byte[] bytes = [.. Vector("checkpoint-imported"), 0x38, 0x12];

        Assert.False(GossipDecoder.TryDecodeCheckpoint(bytes, out _, out var error));
        Assert.Contains("more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Heartbeat_WithAnUnknownField_IsReadWithoutIt()
    {
        byte[] bytes = [.. Vector("heartbeat"), 0x78, 0x01];

        Assert.True(GossipDecoder.TryDecodeHeartbeat(bytes, out var decoded, out var error), error);
        Assert.Equal(2, decoded.Leases.Count);
    }

    private static byte[] Vector(string name) =>
        Convert.FromHexString(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "ProviderNode.Tests", "Gossip", "Vectors", name + ".hex")).Trim());
}
