using System.Diagnostics.Metrics;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;

namespace DePinGpu.Libp2p.Tests.PubSub;

public class GossipSubMetricsTests
{
    private const string Topic = "depingpu/metrics";

    [Fact]
    public async Task DeliveredAndRejectedMessages_AreCountedByTopicAndReason()
    {
        var options = new GossipSubServiceOptions { Router = InMemoryPubSubNetwork.LoopbackOptions() };
        await using var sender = await GossipSubNode.StartAsync(options);
        await using var receiver = await GossipSubNode.StartAsync(options);
        var counts = new Dictionary<string, long>();
        using var listener = Listen(receiver.PeerId.ToString(), counts);
        receiver.Service.RegisterValidator(Topic, (message, _) => ValueTask.FromResult(message.Data.Span[0] == 1 ? ValidationResult.Accept : ValidationResult.Reject));
        using var subscription = receiver.Service.Subscribe(Topic);
        using var senderSubscription = sender.Service.Subscribe(Topic);
        await sender.DialAsync(receiver.Address);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!sender.Service.Router.GetTopicPeers(Topic).Contains(receiver.PeerId))
        {
            Assert.True(DateTime.UtcNow < deadline, "The sender never saw the receiver's subscription.");
            await Task.Delay(20);
        }

        sender.Service.Publish(Topic, [0]);
        sender.Service.Publish(Topic, [1]);
        await subscription.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        while (Count(counts, "gossipsub.messages.rejected") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The rejection was never counted.");
            await Task.Delay(20);
        }

        Assert.Equal(1, Count(counts, "gossipsub.messages.delivered"));
        Assert.Equal(1, Count(counts, "gossipsub.messages.rejected"));
    }

    private static long Count(Dictionary<string, long> counts, string name)
    {
        lock (counts)
        {
            return counts.GetValueOrDefault(name);
        }
    }

    private static MeterListener Listen(string peer, Dictionary<string, long> counts)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == GossipSubMetrics.MeterName
                    && instrument.Meter.Tags?.Any(tag => tag.Key == GossipSubMetrics.PeerIdTag && Equals(tag.Value, peer)) == true)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counts)
            {
                counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();
        return listener;
    }
}
