using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Threading.Channels;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Standby;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Replication;

/// <summary>
/// The standby side of checkpoint replication (docs/design.md §1, §5). When the active holder of a lease this node is a
/// standby of announces a checkpoint (<see cref="PeerCheckpointAnnounced"/> with <c>Held</c> false), the node fetches
/// its DAG through the <see cref="IContentFetcher"/> (Bitswap verifies every block against its CID and drops a peer
/// that sends a wrong one), pins it and publishes <see cref="OwnCheckpointReplicated"/> so that the gossip layer tells
/// the holder it may commit. Attempts are bounded in time and retried with a doubling delay; a checkpoint larger than
/// the limit is unpinned and never announced. Once a newer checkpoint of the lease is mined, the older replicas are
/// unpinned; a standby released from the order or a lease that ended unpins the lease's replicas.
/// </summary>
public sealed class ReplicationService : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly StandbyStore _standbys;
    private readonly ReplicaStore _replicas;
    private readonly ContentStore _content;
    private readonly IContentFetcher? _fetcher;
    private readonly ReplicationOptions _options;
    private readonly ReplicationMetrics _metrics;
    private readonly ILogger<ReplicationService> _logger;
    private readonly ConcurrentDictionary<BigInteger, (long Epoch, long Step)> _mined = new();
    private readonly PendingAnnouncements _pending = new();
    private ChannelReader<PeerCheckpointAnnounced>? _announcements;
    private ChannelReader<INodeEvent>? _housekeeping;

    /// <summary>Creates the service; it subscribes when it starts. Without <paramref name="fetcher"/> nothing is replicated (and that is logged).</summary>
    public ReplicationService(NodeEventBus bus, StandbyStore standbys, ReplicaStore replicas, ContentStore content, IContentFetcher? fetcher,
        IOptions<ReplicationOptions> options, ReplicationMetrics metrics, ILogger<ReplicationService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bus = bus;
        _standbys = standbys;
        _replicas = replicas;
        _content = content;
        _fetcher = fetcher;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>Subscribes before it returns (ExecuteAsync runs in the background), so no event published after the start is missed.</remarks>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _announcements = _bus.Subscribe<PeerCheckpointAnnounced>();
        _housekeeping = _bus.Subscribe<INodeEvent>();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ReplicateAllAsync(_announcements!, stoppingToken), CleanUpAllAsync(_housekeeping!, stoppingToken));

    /// <remarks>
    /// Announcements are drained into <see cref="PendingAnnouncements"/> between fetches, so a standby that fell behind
    /// (a checkpoint nobody could serve, retried for minutes) fetches the newest checkpoint of each lease next, not
    /// every stale one in turn.
    /// </remarks>
    private async Task ReplicateAllAsync(ChannelReader<PeerCheckpointAnnounced> announcements, CancellationToken stoppingToken)
    {
        while (await announcements.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            DrainAnnouncements();
            while (_pending.TryTake(out var next))
            {
                await ReplicateAsync(next, stoppingToken).ConfigureAwait(false);
                DrainAnnouncements();
            }
        }
    }

    /// <summary>Moves every announcement waiting on the bus into <see cref="_pending"/> (imports only: held ones need no fetch).</summary>
    private void DrainAnnouncements()
    {
        while (_announcements is { } reader && reader.TryRead(out var announced))
        {
            if (!announced.Held)
            {
                _pending.Offer(announced);
            }
        }
    }

    private async Task CleanUpAllAsync(ChannelReader<INodeEvent> events, CancellationToken stoppingToken)
    {
        await foreach (var nodeEvent in events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            switch (nodeEvent)
            {
                case CheckpointMined mined:
                    _mined.AddOrUpdate(mined.LeaseId, (mined.Epoch, (long)mined.Step), (_, known) => Max(known, (mined.Epoch, (long)mined.Step)));
                    await UnpinAsync(_replicas.OfLease(mined.LeaseId).Where(record => record.IsOlderThan(mined.Epoch, (long)mined.Step) && record.Id != mined.Cid.ToString()),
                        $"step {mined.Step} of epoch {mined.Epoch} is committed", stoppingToken).ConfigureAwait(false);
                    break;
                case StandbyReleased released:
                    await UnpinAsync(_replicas.OfOrder(released.OrderId), "no longer a standby of the order", stoppingToken).ConfigureAwait(false);
                    break;
                case LeaseEnded ended:
                    await UnpinAsync(_replicas.OfLease(ended.LeaseId), "the lease ended", stoppingToken).ConfigureAwait(false);
                    break;
                case ChainRolledBack rolledBack:
                    // A commit the reorg removed (say, of an epoch that no longer exists) must not make the standby skip
                    // the canonical holder's checkpoints; the canonical commits are delivered again after the rollback.
                    _mined.Clear();
                    ReplicationLog.CommitsForgotten(_logger, rolledBack.CanonicalBlock);
                    break;
            }
        }
    }

    /// <summary>Replicates one announced checkpoint; returns true when this node holds it afterwards (and announced so).</summary>
    public async Task<bool> ReplicateAsync(PeerCheckpointAnnounced announced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(announced);
        var cid = announced.Cid.ToString();
        if (_standbys.FindByLease(announced.LeaseId) is not { } standby)
        {
            ReplicationLog.Skipped(_logger, cid, announced.LeaseId, "this node is not a standby of the lease");
            return false;
        }

        if (_replicas.Find(announced.Cid) is not null)
        {
            // Announcements arrive at least once; saying again that we hold it is harmless and helps a holder that restarted.
            Announce(announced);
            return true;
        }

        if (_mined.TryGetValue(announced.LeaseId, out var newest) && (announced.Epoch < newest.Epoch || (announced.Epoch == newest.Epoch && (long)announced.Step <= newest.Step)))
        {
            ReplicationLog.Skipped(_logger, cid, announced.LeaseId, $"a checkpoint at or after step {announced.Step} is already committed");
            return false;
        }

        if (_fetcher is null)
        {
            ReplicationLog.NoFetcher(_logger, cid, announced.LeaseId);
            return false;
        }

        return await FetchAsync(announced, standby.Id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> FetchAsync(PeerCheckpointAnnounced announced, string orderId, CancellationToken cancellationToken)
    {
        var cid = announced.Cid.ToString();
        var started = Stopwatch.GetTimestamp();
        var delay = _options.FirstRetryDelay;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var (result, failure) = await AttemptAsync(announced.Cid, $"replica of lease {announced.LeaseId} step {announced.Step}", cancellationToken).ConfigureAwait(false);
            if (result is { IsComplete: true })
            {
                return await KeepAsync(announced, orderId, result, Stopwatch.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            }

            ReplicationLog.AttemptFailed(_logger, cid, announced.LeaseId, attempt, _options.MaxAttempts, failure ?? result?.Error ?? "incomplete");
            DrainAnnouncements();
            if (_pending.HasNewerThan(announced))
            {
                // Only the newest checkpoint can still be committed: retrying this one would only delay it.
                _metrics.Failed();
                ReplicationLog.Superseded(_logger, cid, announced.LeaseId, announced.Step, attempt);
                return false;
            }

            if (attempt < _options.MaxAttempts)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }

        _metrics.Failed();
        ReplicationLog.GaveUp(_logger, cid, announced.LeaseId, _options.MaxAttempts);
        return false;
    }

    private async Task<(ContentFetchResult? Result, string? Failure)> AttemptAsync(Cid cid, string pinName, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.AttemptTimeout);
        try
        {
            return (await _fetcher!.FetchDagAsync(cid, pinName, attempt.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no complete DAG within {_options.AttemptTimeout}");
        }
    }

    private async Task<bool> KeepAsync(PeerCheckpointAnnounced announced, string orderId, ContentFetchResult result, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (result.BytesFetched > _options.MaxCheckpointBytes)
        {
            await _content.UnpinAsync(announced.Cid, cancellationToken).ConfigureAwait(false);
            _metrics.Failed();
            ReplicationLog.TooLarge(_logger, announced.Cid.ToString(), announced.LeaseId, result.BytesFetched, _options.MaxCheckpointBytes);
            return false;
        }

        _replicas.Save(new ReplicaRecord
        {
            Id = announced.Cid.ToString(),
            LeaseId = announced.LeaseId.ToString(CultureInfo.InvariantCulture),
            OrderId = orderId,
            Epoch = announced.Epoch,
            Step = (long)announced.Step,
            BytesFetched = result.BytesFetched,
            PinnedAt = DateTime.UtcNow,
        });
        _metrics.Replicated(result.BytesFetched, duration);
        ReplicationLog.Replicated(_logger, announced.LeaseId, announced.Epoch, announced.Step, announced.Cid.ToString(), result.BytesFetched);
        Announce(announced);
        return true;
    }

    private void Announce(PeerCheckpointAnnounced announced) =>
        _bus.Publish(new OwnCheckpointReplicated(announced.LeaseId, announced.Epoch, announced.Step, announced.Cid));

    private async Task UnpinAsync(IEnumerable<ReplicaRecord> records, string reason, CancellationToken cancellationToken)
    {
        foreach (var record in records.ToList())
        {
            await _content.UnpinAsync(Cid.Parse(record.Id), cancellationToken).ConfigureAwait(false);
            _replicas.Remove(record);
            ReplicationLog.Unpinned(_logger, record.Id, record.LeaseId, record.Step, record.Epoch, reason);
        }
    }

    private static (long Epoch, long Step) Max((long Epoch, long Step) known, (long Epoch, long Step) mined) =>
        mined.Epoch > known.Epoch || (mined.Epoch == known.Epoch && mined.Step > known.Step) ? mined : known;
}
