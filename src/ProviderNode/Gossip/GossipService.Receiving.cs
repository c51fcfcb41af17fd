using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.NodeEvents;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Receiving: validated messages become node events (the validators already decoded and checked them).</summary>
public sealed partial class GossipService
{
    private async Task ReceiveHeartbeatsAsync(PubSubSubscription subscription, CancellationToken cancellationToken)
    {
        await foreach (var message in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (message.Author is { } peer && GossipDecoder.TryDecodeHeartbeat(message.Data.Span, out var heartbeat, out _))
            {
                _bus.Publish(new PeerHeartbeatSeen(heartbeat.Header.Provider, peer, heartbeat.Header.SentAt));
            }
        }
    }

    private async Task ReceiveCheckpointsAsync(PubSubSubscription subscription, CancellationToken cancellationToken)
    {
        await foreach (var message in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (message.Author is { } peer && GossipDecoder.TryDecodeCheckpoint(message.Data.Span, out var announcement, out _))
            {
                _bus.Publish(new PeerCheckpointAnnounced(
                    announcement.LeaseId, announcement.Epoch, announcement.Step, announcement.Cid, announcement.Header.Provider, peer, announcement.Held));
            }
        }
    }

    private async Task ReceiveCapacityAsync(PubSubSubscription subscription, CancellationToken cancellationToken)
    {
        await foreach (var message in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (message.Author is { } peer && GossipDecoder.TryDecodeCapacity(message.Data.Span, out var capacity, out _))
            {
                _bus.Publish(new PeerCapacitySeen(
                    capacity.Header.Provider, peer, capacity.GpuModel, capacity.GpuCount, capacity.FreeGpus, capacity.VramGb, capacity.PricePerGpuSecond));
            }
        }
    }
}
