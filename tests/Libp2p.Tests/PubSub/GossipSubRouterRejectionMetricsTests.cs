using System.Diagnostics.Metrics;
using DePinGpu.Libp2p.Diagnostics;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>Each way the receive path refuses a message is counted once, labelled with its topic and its own reason.</summary>
public sealed class GossipSubRouterRejectionMetricsTests
{
    private const string Topic = "depingpu/rejections";

    // No other test uses this local key, so the peer-tagged meter below hears only this test's router.
    private const int LocalIndex = 4711;

    private static readonly PrivateKey Author = TestKeys.FromIndex(9);

    [Fact]
    public async Task RefusedMessages_AreCountedWithTheirTopicAndReason()
    {
        var sizeLimit = RpcEncoder.MessageSize(MessageSigning.CreateSigned(Author, Topic, new byte[100], 1));
        using var harness = new RouterHarness(new GossipSubOptions { MaxMessageSize = sizeLimit }, LocalIndex);
        var rejections = new List<(string? Topic, string? Reason)>();
        using var listener = Listen(harness.LocalKey.PeerId.ToString(), rejections);
        using var subscription = harness.Router.Subscribe(Topic);
        harness.Router.RegisterValidator(Topic, (message, _) =>
            ValueTask.FromResult(message.Data.Span is [0xFF, ..] ? ValidationResult.Reject : ValidationResult.Accept));
        var sender = harness.Connect(1);
        var signed = MessageSigning.CreateSigned(Author, Topic, [1], 2);

        await harness.SendMessageAsync(sender, MessageSigning.CreateSigned(Author, Topic, [0xFF], 3));
        await harness.SendMessageAsync(sender, MessageSigning.CreateSigned(Author, Topic, new byte[101], 4));

        // Under StrictSign an author without a sequence number has no message id: the author fields are invalid.
        await harness.SendMessageAsync(sender, new RpcMessage { From = signed.From, Data = signed.Data, Topic = Topic, Signature = signed.Signature, Key = signed.Key });

        Assert.Empty(SimulatedNode.Received(subscription));
        lock (rejections)
        {
            Assert.Equal(
                [(Topic, nameof(ValidationResult.Reject)), (Topic, nameof(InvalidMessageReason.TooLarge)), (Topic, nameof(InvalidMessageReason.InvalidAuthor))],
                rejections);
        }
    }

    private static MeterListener Listen(string peer, List<(string? Topic, string? Reason)> rejections)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == GossipSubMetrics.MeterName && instrument.Name == "gossipsub.messages.rejected"
                    && instrument.Meter.Tags?.Any(tag => tag.Key == PeerMeter.PeerIdTag && Equals(tag.Value, peer)) == true)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? topic = null;
            string? reason = null;
            foreach (var tag in tags)
            {
                topic = tag.Key == "topic" ? tag.Value as string : topic;
                reason = tag.Key == "reason" ? tag.Value as string : reason;
            }

            lock (rejections)
            {
                rejections.AddRange(Enumerable.Repeat((topic, reason), (int)value));
            }
        });
        listener.Start();
        return listener;
    }
}
