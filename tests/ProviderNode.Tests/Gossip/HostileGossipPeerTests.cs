using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using DePinGpu.Libp2p.Diagnostics;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Wire;
using DePinGpu.ProviderNode.Gossip;

namespace DePinGpu.ProviderNode.Tests.Gossip;

/// <summary>
/// A hostile peer A writes raw pubsub frames over a real TCP connection to B, which runs the node's gossip validator;
/// C listens behind B and D is an honest operator. A's frames: a genuine heartbeat, the same frame again, a replay of
/// the heartbeat under a new pubsub sequence number, a heartbeat over the node's size limit, protobuf garbage, a
/// message over GossipSub's size limit, and finally a frame length over the 4 MiB frame limit.
/// </summary>
public sealed class HostileGossipPeerTests
{
    private static readonly string Topic = new GossipTopics(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3").Name(GossipTopicKind.Heartbeats);

    [Fact]
    public async Task ReplayedOversizedAndMalformedFrames_AreDroppedByB_NeverReachC_CostAItsScore_AndBKeepsRelaying()
    {
        var world = new GossipWorld();
        var hostile = world.Register();
        var honest = world.Register();
        var verdicts = Channel.CreateUnbounded<GossipVerdict>();
        await using var a = await GossipSubNode.StartAsync(key: hostile.Key.ToLibp2pPrivateKey());
        await using var b = await GossipSubNode.StartAsync();
        await using var c = await GossipSubNode.StartAsync();
        await using var d = await GossipSubNode.StartAsync(key: honest.Key.ToLibp2pPrivateKey());
        var rejections = new ConcurrentQueue<string>();
        using var rejectionListener = ListenToRejections(b, rejections);
        b.Service.RegisterValidator(Topic, async (message, cancellationToken) =>
        {
            var verdict = await world.Validator.ValidateAsync(GossipTopicKind.Heartbeats, message, cancellationToken);
            verdicts.Writer.TryWrite(verdict);
            return verdict.Result;
        });
        using var atA = a.Service.Subscribe(Topic);
        using var atB = b.Service.Subscribe(Topic);
        using var atC = c.Service.Subscribe(Topic);
        using var atD = d.Service.Subscribe(Topic);
        await a.DialAsync(b.Address);
        await c.DialAsync(b.Address);
        await d.DialAsync(b.Address);
        await WaitUntilAsync(() => b.Service.Router.GetMeshPeers(Topic).Count == 3 && c.Service.Router.GetMeshPeers(Topic).Count == 1);
        await using var raw = await a.Host.OpenStreamAsync(b.PeerId, [PubSubProtocols.GossipSubV12, PubSubProtocols.GossipSubV11]);
        var key = a.Host.Identity;

        var genuine = GossipEncoder.Encode(new HeartbeatMessage(GossipWorld.Header(hostile, 2), []));
        var genuineFrame = Frame(key, genuine, sequenceNumber: 1000);
        await WriteAsync(raw, genuineFrame);
        Assert.Equal(genuine, (await ReadAsync(atC)).Data.ToArray());
        Assert.Equal(ValidationResult.Accept, (await NextVerdictAsync(verdicts)).Result);

        await WriteAsync(raw, genuineFrame);
        await WriteAsync(raw, Frame(key, genuine, sequenceNumber: 1001));
        var replay = await NextVerdictAsync(verdicts);
        await WriteAsync(raw, Frame(key, new byte[GossipLimits.MaxHeartbeatBytes + 1], sequenceNumber: 1002));
        var oversized = await NextVerdictAsync(verdicts);
        await WriteAsync(raw, [.. Varint(6), 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        await WriteAsync(raw, Frame(key, new byte[new GossipSubOptions().MaxMessageSize + 1], sequenceNumber: 1003));
        await WriteAsync(raw, Varint(5 * 1024 * 1024));
        await WaitUntilAsync(() => rejections.Contains(nameof(InvalidMessageReason.TooLarge)) && b.Service.Router.GetScore(a.PeerId) < 0);

        var afterwards = GossipEncoder.Encode(new HeartbeatMessage(GossipWorld.Header(honest, 1), []));
        d.Service.Publish(Topic, afterwards);
        var atCNext = await ReadAsync(atC);
        var honestVerdict = await NextVerdictAsync(verdicts);

        Assert.Equal(ValidationResult.Reject, replay.Result);
        Assert.Equal(ValidationResult.Reject, oversized.Result);
        Assert.Contains("limit", oversized.Reason, StringComparison.Ordinal);
        Assert.Equal(afterwards, atCNext.Data.ToArray());
        Assert.Equal(honest.PeerId, atCNext.Author);
        Assert.Equal(ValidationResult.Accept, honestVerdict.Result);
        Assert.False(atC.Reader.TryRead(out _));
        Assert.False(verdicts.Reader.TryRead(out var extra), $"The duplicate frame reached the validator: {extra}");
        Assert.Equal(2, rejections.Count(reason => reason == nameof(ValidationResult.Reject)));
        Assert.True(b.Host.IsRunning);
    }

    /// <summary>Collects the reasons of <paramref name="node"/>'s <c>gossipsub.messages.rejected</c> counter.</summary>
    private static MeterListener ListenToRejections(GossipSubNode node, ConcurrentQueue<string> reasons)
    {
        var peerId = node.PeerId.ToString();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Name == "gossipsub.messages.rejected"
                    && instrument.Meter.Tags?.Any(tag => tag.Key == PeerMeter.PeerIdTag && Equals(tag.Value, peerId)) == true)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reasons.Enqueue((string)tag.Value!);
                }
            }
        });
        listener.Start();
        return listener;
    }

    /// <summary>One RPC frame (uvarint length ‖ RPC) carrying a message on the heartbeats topic signed by <paramref name="key"/>.</summary>
    private static byte[] Frame(PrivateKey key, byte[] data, ulong sequenceNumber) =>
        RpcEncoder.EncodeFrame(new Rpc { Messages = [MessageSigning.CreateSigned(key, Topic, data, sequenceNumber)] });

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            bytes.Add((byte)(remaining | 0x80));
            remaining >>= 7;
        }

        bytes.Add((byte)remaining);
        return [.. bytes];
    }

    private static async Task WriteAsync(Libp2pStream stream, byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    private static async Task<PubSubMessage> ReadAsync(PubSubSubscription subscription) =>
        await subscription.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    private static async Task<GossipVerdict> NextVerdictAsync(Channel<GossipVerdict> verdicts) =>
        await verdicts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 15 s.");
            }

            await Task.Delay(20);
        }
    }
}
