using System.Numerics;
using System.Threading.Channels;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Replication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>
/// Prepares a standby for a hand-over the moment the active provider goes quiet on gossip (docs/design.md §7, issue 14 §4),
/// long before the chain's heartbeat timeout lets a verifier report it: the newest checkpoint this node replicated of
/// the lease is exported into a prepared resume folder (<see cref="PreparedResumes"/>), so that on
/// <c>LeaseReassigned</c> the workload starts from it at once. The spec and inputs were fetched when the node was named
/// (<see cref="StandbyService"/>). A provider heard again keeps its lease; the prepared folder is refreshed when a newer
/// checkpoint replicates and the provider goes quiet again, and deleted when the lease ends or this node stops being
/// its standby.
/// </summary>
public sealed class StandbyPreparer : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly StandbyStore _standbys;
    private readonly ReplicaStore _replicas;
    private readonly PreparedResumes _prepared;
    private readonly SilenceWatch _watch;
    private readonly TimeSpan _silence;
    private readonly TimeProvider _time;
    private readonly ILogger<StandbyPreparer> _logger;
    private ChannelReader<INodeEvent>? _events;

    /// <summary>Creates the service; it subscribes when it starts. A provider silent for <paramref name="silence"/> is prepared for.</summary>
    public StandbyPreparer(NodeEventBus bus, StandbyStore standbys, ReplicaStore replicas, PreparedResumes prepared, SilenceWatch watch, TimeSpan silence,
        TimeProvider time, ILogger<StandbyPreparer> logger)
    {
        _bus = bus;
        _standbys = standbys;
        _replicas = replicas;
        _prepared = prepared;
        _watch = watch;
        _silence = silence;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>Subscribes before it returns (ExecuteAsync runs in the background), so no event published after the start is missed.</remarks>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _events = _bus.Subscribe<INodeEvent>();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = _events!;
        // Checked a few times per silence threshold, so a quiet provider is noticed within a fraction of it.
        using var timer = new PeriodicTimer(_silence / 4, _time);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var next = events.WaitToReadAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            var ready = await Task.WhenAny(tick, next).ConfigureAwait(false);
            if (ready == next)
            {
                if (!await next.ConfigureAwait(false))
                {
                    return;
                }

                while (events.TryRead(out var nodeEvent))
                {
                    Observe(nodeEvent);
                }

                next = events.WaitToReadAsync(stoppingToken).AsTask();
                continue;
            }

            await tick.ConfigureAwait(false);
            await PrepareSilentAsync(stoppingToken).ConfigureAwait(false);
            tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        }
    }

    /// <summary>Updates the watch from one node event (handlers are idempotent: events may repeat).</summary>
    public void Observe(INodeEvent nodeEvent)
    {
        var now = _time.GetUtcNow();
        switch (nodeEvent)
        {
            case PeerHeartbeatSeen heartbeat:
                _watch.Heard(heartbeat.Provider, now);
                break;
            case PeerCheckpointAnnounced { Held: false } announced when _standbys.FindByLease(announced.LeaseId) is not null:
                _watch.Active(announced.LeaseId, announced.Provider, now);
                break;
            case LeaseWon won:
                // Promoted here: the run takes the prepared folder (or exports the committed checkpoint itself).
                _watch.Forget(won.LeaseId);
                break;
            case LeaseEnded ended:
                Drop(ended.LeaseId, "the lease ended");
                break;
            case StandbyReleased released:
                foreach (var replica in _replicas.OfOrder(released.OrderId))
                {
                    Drop(BigInteger.Parse(replica.LeaseId, System.Globalization.CultureInfo.InvariantCulture), "no longer a standby of the order");
                }

                break;
        }
    }

    /// <summary>Prepares every lease whose active provider is silent and whose newest replica is not prepared yet; returns how many were prepared.</summary>
    public async Task<int> PrepareSilentAsync(CancellationToken cancellationToken)
    {
        var prepared = 0;
        foreach (var silent in _watch.Silent(_time.GetUtcNow(), _silence))
        {
            var newest = _replicas.OfLease(silent.LeaseId).MaxBy(replica => (replica.Epoch, replica.Step));
            if (newest is null || _prepared.Find(silent.LeaseId)?.Cid.ToString() == newest.Id)
            {
                continue;
            }

            try
            {
                var resume = await _prepared.PrepareAsync(silent.LeaseId, Cid.Parse(newest.Id), newest.Epoch, newest.Step, cancellationToken).ConfigureAwait(false);
                StandbyLog.PreparedForHandover(_logger, silent.LeaseId, silent.Provider, _time.GetUtcNow() - silent.LastHeard, resume.Step, newest.Id);
                prepared++;
            }
            catch (Exception exception) when (exception is IOException or BlockNotFoundException or InvalidDataException or UnauthorizedAccessException)
            {
                StandbyLog.PreparationForHandoverFailed(_logger, exception, silent.LeaseId, newest.Id);
            }
        }

        return prepared;
    }

    private void Drop(BigInteger leaseId, string why)
    {
        _watch.Forget(leaseId);
        if (_prepared.Discard(leaseId))
        {
            StandbyLog.PreparedDiscarded(_logger, leaseId, why);
        }
    }
}
