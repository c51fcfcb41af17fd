using System.Numerics;
using System.Threading.Channels;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Publishing: heartbeats, capacity and checkpoint announcements.</summary>
public sealed partial class GossipService
{
    private LocalCapacity? _lastCapacity;
    private DateTimeOffset _lastCapacityAt;
    private bool _toldNotRegistered;

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        do
        {
            try
            {
                await PublishTickAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A tick that failed (the registry unreachable, the router refusing) is retried at the next tick.
                GossipLog.PublishFailed(_logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task PublishTickAsync(CancellationToken cancellationToken)
    {
        var provider = await _local.ProviderAsync(cancellationToken).ConfigureAwait(false);
        if (provider is null)
        {
            if (!_toldNotRegistered)
            {
                GossipLog.NotRegistered(_logger);
                _toldNotRegistered = true;
            }

            return;
        }

        var leases = _local.RunningLeases();
        Publish(GossipTopicKind.Heartbeats, GossipEncoder.Encode(new HeartbeatMessage(NextHeader(provider), leases)));
        var capacity = _local.Capacity();
        var now = _time.GetUtcNow();
        if (capacity != _lastCapacity || now - _lastCapacityAt >= _options.CapacityInterval)
        {
            var message = new CapacityMessage(NextHeader(provider), capacity.GpuModel, capacity.GpuCount, capacity.FreeGpus, capacity.VramGb, capacity.PricePerGpuSecond);
            Publish(GossipTopicKind.Capacity, GossipEncoder.Encode(message));
            _lastCapacity = capacity;
            _lastCapacityAt = now;
        }

        await RepeatAnnouncementsAsync(now, cancellationToken).ConfigureAwait(false);
    }

    private async Task AnnounceLoopAsync<TEvent>(
        ChannelReader<TEvent> events, Func<TEvent, (BigInteger LeaseId, uint Epoch, ulong Step, Cid Cid, bool Held)> fields, CancellationToken cancellationToken)
    {
        await foreach (var nodeEvent in events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var (leaseId, epoch, step, cid, held) = fields(nodeEvent);
            var announcement = new PendingAnnouncement(leaseId, epoch, step, cid, held);
            if (!ShouldAnnounce(announcement))
            {
                continue;
            }

            try
            {
                await AnnounceAsync(leaseId, epoch, step, cid, held, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The replication subsystem re-announces on its own schedule; one lost announcement is not fatal.
                GossipLog.AnnouncementFailed(_logger, exception);
            }
        }
    }

    private async Task AnnounceAsync(BigInteger leaseId, uint epoch, ulong step, Cid cid, bool held, CancellationToken cancellationToken)
    {
        var provider = await _local.ProviderAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The operator is not registered, so it has no checkpoint to announce.");
        var message = new CheckpointAnnouncement(NextHeader(provider), leaseId, epoch, step, cid, held);
        var result = Publish(GossipTopicKind.Checkpoints, GossipEncoder.Encode(message));
        GossipLog.CheckpointAnnounced(_logger, cid.ToString(), leaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), epoch, step, held, result.PeerCount);
    }
}
