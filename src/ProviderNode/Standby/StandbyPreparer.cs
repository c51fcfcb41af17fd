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
/// long before the chain's heartbeat timeout lets a verifier report it: the checkpoint of the lease committed last (or,
/// not knowing it, the newest one this node replicated) is exported into a prepared resume folder (<see cref="PreparedResumes"/>), so that on
/// <c>LeaseReassigned</c> the workload starts from it at once. With Docker, the container of the hand-over is created
/// too, not started (<see cref="PreparedContainers"/>): the hand-over only starts it. The spec and inputs were fetched
/// when the node was named (<see cref="StandbyService"/>). A provider heard again keeps its lease; the prepared folder
/// is refreshed when a newer checkpoint replicates and the provider goes quiet again, and deleted when the lease ends or
/// this node stops being its standby; the container is removed as soon as the provider is heard again or the lease
/// moves on, ends or is released.
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
    private readonly PreparedContainers? _containers;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<BigInteger, string> _committed = new();
    private ChannelReader<INodeEvent>? _events;

    /// <summary>
    /// Creates the service; it subscribes when it starts. A provider silent for <paramref name="silence"/> is prepared
    /// for; <paramref name="containers"/> (null without Docker) creates the hand-over's container too.
    /// </summary>
    public StandbyPreparer(NodeEventBus bus, StandbyStore standbys, ReplicaStore replicas, PreparedResumes prepared, SilenceWatch watch, TimeSpan silence,
        TimeProvider time, ILogger<StandbyPreparer> logger, PreparedContainers? containers = null)
    {
        _containers = containers;
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
        await CleanUpContainersAsync(stoppingToken).ConfigureAwait(false);
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
                // Promoted here: the run takes the prepared folder (or exports the committed checkpoint itself), and
                // starts the container prepared for this epoch (one prepared for another is removed at the next check).
                _watch.Forget(won.LeaseId);
                _containers?.HandedOver(won.LeaseId, won.Epoch);
                break;
            case CheckpointMined mined:
                _committed[mined.LeaseId] = mined.Cid.ToString();
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

    /// <summary>
    /// Prepares every lease whose active provider is silent and whose resume replica (<see cref="ResumeReplica"/>) is
    /// not prepared yet; returns how many were prepared.
    /// </summary>
    public async Task<int> PrepareSilentAsync(CancellationToken cancellationToken)
    {
        var prepared = 0;
        var silentLeases = _watch.Silent(_time.GetUtcNow(), _silence);
        foreach (var silent in silentLeases)
        {
            var newest = ResumeReplica(silent.LeaseId);
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

        await PrepareContainersAsync(silentLeases, cancellationToken).ConfigureAwait(false);
        return prepared;
    }

    /// <summary>
    /// Removes the containers of leases whose provider is no longer silent (heard again, moved on, ended, released, or
    /// handed here), then creates the container of each silent lease with a replicated checkpoint, for the epoch after it.
    /// </summary>
    private async Task PrepareContainersAsync(IReadOnlyList<SilentProvider> silentLeases, CancellationToken cancellationToken)
    {
        if (_containers is null)
        {
            return;
        }

        try
        {
            await _containers.RemoveAllButAsync(silentLeases.Select(silent => silent.LeaseId).ToHashSet(),
                "its active provider was heard again, or the lease moved on, ended or was released", cancellationToken).ConfigureAwait(false);
            foreach (var silent in silentLeases)
            {
                var newest = ResumeReplica(silent.LeaseId);
                if (newest is not null && _standbys.FindByLease(silent.LeaseId) is { } standby)
                {
                    var orderId = BigInteger.Parse(standby.Id, System.Globalization.CultureInfo.InvariantCulture);
                    await _containers.PrepareAsync(silent.LeaseId, orderId, (ulong)newest.Epoch + 1, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (IsTransient(exception))
        {
            StandbyLog.ContainersNotTidied(_logger, exception);
        }
    }

    /// <summary>At start: adopts or removes what a previous run of the node prepared (<see cref="PreparedContainers.CleanUpAfterRestartAsync"/>).</summary>
    private async Task CleanUpContainersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await (_containers?.CleanUpAfterRestartAsync(cancellationToken) ?? Task.FromResult(0)).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransient(exception))
        {
            StandbyLog.ContainersNotTidied(_logger, exception);
        }
    }

    private static bool IsTransient(Exception exception) =>
        exception is Docker.DotNet.DockerApiException or HttpRequestException or IOException or TimeoutException
            or Protocol.Rpc.RpcTransportException or Protocol.Rpc.RpcErrorException or Protocol.Errors.ContractRevertException;

    /// <summary>
    /// The replica a hand-over would resume from: the one committed last on-chain when this node holds it (the provider
    /// may have died between a standby's replication and the commit, and only a committed checkpoint is resumed), else
    /// the newest one held.
    /// </summary>
    private ReplicaRecord? ResumeReplica(BigInteger leaseId)
    {
        var replicas = _replicas.OfLease(leaseId);
        return (_committed.TryGetValue(leaseId, out var committed) ? replicas.FirstOrDefault(replica => replica.Id == committed) : null)
            ?? replicas.MaxBy(replica => (replica.Epoch, replica.Step));
    }

    private void Drop(BigInteger leaseId, string why)
    {
        _watch.Forget(leaseId);
        _committed.TryRemove(leaseId, out _);
        if (_prepared.Discard(leaseId))
        {
            StandbyLog.PreparedDiscarded(_logger, leaseId, why);
        }
    }
}
