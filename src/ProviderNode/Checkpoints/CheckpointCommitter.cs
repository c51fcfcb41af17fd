using System.Globalization;
using System.Threading.Channels;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>
/// The active holder's commit path (docs/design.md §1, §5): each checkpoint the watcher imported is announced
/// (<see cref="OwnCheckpointImported"/>, which the gossip layer sends to the standbys) and committed on-chain only once
/// <see cref="CheckpointCommitPlan.RequiredReplicas"/> distinct standbys of the order said they hold it. A checkpoint
/// that does not reach that within the replication wait, or that a later import overtakes, is logged and never
/// committed; the next one that replicates is. Several imports may wait at once (replication can be slower than the
/// checkpoint interval): the newest one that replicates is committed and the older ones waiting are given up. After a
/// commit the previous committed checkpoint and the ones never committed are unpinned. A commit that fails (the chain is unreachable, the lease moved) is logged and skipped.
/// </summary>
public sealed class CheckpointCommitter
{
    private readonly CheckpointCommitPlan _plan;
    private readonly MarketClient _market;
    private readonly ContentStore _content;
    private readonly NodeEventBus _bus;
    private readonly CheckpointHolders _holders;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<CheckpointCommitOutcome> _outcomes = Channel.CreateUnbounded<CheckpointCommitOutcome>();
    private readonly List<Cid> _neverCommitted = [];
    private ulong? _committedStep;
    private Cid? _committedCid;
    private readonly List<(CheckpointImported Checkpoint, DateTimeOffset Deadline)> _pending = [];

    /// <summary>Creates the committer; nothing happens until <see cref="RunAsync"/>.</summary>
    public CheckpointCommitter(CheckpointCommitPlan plan, MarketClient market, ContentStore content, NodeEventBus bus, CheckpointHolders holders,
        ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _market = market;
        _content = content;
        _bus = bus;
        _holders = holders;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _committedStep = plan.CommittedStep;
        _committedCid = plan.CommittedCid;
    }

    /// <summary>
    /// How a commit is sent: returns null once it is mined (or had already taken effect), or the reason it was not sent
    /// (the chain is out of reach, the lease moved). When unset, the committer sends it once through the market client.
    /// </summary>
    public Func<CheckpointImported, CancellationToken, Task<string?>>? Send { get; init; }

    /// <summary>Every decision, in order (for the node's status and for tests); completes when <see cref="RunAsync"/> ends.</summary>
    public ChannelReader<CheckpointCommitOutcome> Outcomes => _outcomes.Reader;

    /// <summary>
    /// Decides on every checkpoint of <paramref name="checkpoints"/> until the watcher completes it;
    /// <paramref name="committed"/> is told of each commit once it is mined.
    /// </summary>
    public async Task RunAsync(ChannelReader<CheckpointEvent> checkpoints, Action<CheckpointImported> committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(committed);
        try
        {
            var reading = checkpoints.WaitToReadAsync(cancellationToken).AsTask();
            while (true)
            {
                await WaitForChangeAsync(reading, cancellationToken).ConfigureAwait(false);
                if (reading.IsCompleted)
                {
                    if (!await reading.ConfigureAwait(false))
                    {
                        return;
                    }

                    while (checkpoints.TryRead(out var checkpoint))
                    {
                        Receive(checkpoint);
                    }

                    reading = checkpoints.WaitToReadAsync(cancellationToken).AsTask();
                }

                await DecideAsync(committed, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await UnpinUncommittedAsync().ConfigureAwait(false);
            _outcomes.Writer.TryComplete();
        }
    }

    /// <summary>
    /// The run ended (the workload exited, the node is draining or stopping, the lease moved): checkpoints imported and
    /// never committed, such as the one a workload writes on SIGTERM, would stay pinned forever, so they are unpinned
    /// now. The committed one stays (a standby may still fetch it); one whose commit was in flight is in neither list.
    /// A restarted node imports and pins again whatever folder is still newer than the committed step.
    /// </summary>
    private async Task UnpinUncommittedAsync()
    {
        var uncommitted = _neverCommitted.Concat(_pending.Select(pending => pending.Checkpoint.Cid)).Where(cid => cid != _committedCid).Distinct().ToList();
        _neverCommitted.Clear();
        _pending.Clear();
        foreach (var cid in uncommitted)
        {
            // Not the run's token: it may be the very cancellation that ended the run. One that fails stays pinned
            // (logged with its CID).
            await TryUnpinAsync(cid, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a checkpoint event, a new holder or the pending checkpoint's deadline, whichever comes first.</summary>
    private async Task WaitForChangeAsync(Task<bool> reading, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = new List<Task> { reading, _holders.NextChange };
        if (_pending.Count > 0)
        {
            var remaining = _pending.Min(pending => pending.Deadline) - _time.GetUtcNow();
            waits.Add(remaining > TimeSpan.Zero ? Task.Delay(remaining, _time, waiting.Token) : Task.CompletedTask);
        }

        await Task.WhenAny(waits).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Receive(CheckpointEvent checkpoint)
    {
        switch (checkpoint)
        {
            case CheckpointRejected rejected:
                NodeLog.CheckpointNotCommitted(_logger, _plan.LeaseId, rejected.Step, rejected.Reason);
                break;
            case CheckpointImported imported when _committedStep is { } committed && imported.Step <= committed:
                NodeLog.CheckpointNotCommitted(_logger, _plan.LeaseId, imported.Step, $"step {imported.Step} is not above the committed step {committed}");
                _neverCommitted.Add(imported.Cid);
                break;
            case CheckpointImported imported:
                _bus.Publish(new OwnCheckpointImported(_plan.LeaseId, _plan.Epoch, imported.Step, imported.Cid));
                _pending.Add((imported, _time.GetUtcNow() + _plan.ReplicationWait));
                Report(imported, CheckpointCommitOutcomeKind.AwaitingReplicas, Holders(imported), null);
                break;
        }
    }

    private async Task DecideAsync(Action<CheckpointImported> committed, CancellationToken cancellationToken)
    {
        var ready = _pending.LastOrDefault(pending => Holders(pending.Checkpoint) >= _plan.RequiredReplicas);
        if (ready.Checkpoint is { } newest)
        {
            foreach (var overtaken in _pending.Where(pending => pending.Checkpoint.Step < newest.Step).ToList())
            {
                GiveUp(overtaken.Checkpoint, CheckpointCommitOutcomeKind.Superseded, $"step {newest.Step} replicated first");
            }

            _pending.RemoveAll(pending => pending.Checkpoint.Step <= newest.Step);
            if (await _plan.Acknowledged.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                await CommitAsync(newest, Holders(newest), committed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                GiveUp(newest, CheckpointCommitOutcomeKind.Failed, "the lease was not acknowledged at this epoch");
            }
        }

        var now = _time.GetUtcNow();
        foreach (var expired in _pending.Where(pending => now >= pending.Deadline).ToList())
        {
            GiveUp(expired.Checkpoint, CheckpointCommitOutcomeKind.NotReplicated,
                $"{Holders(expired.Checkpoint)} of the {_plan.RequiredReplicas} standbys required held it within {_plan.ReplicationWait}");
        }
    }

    private async Task CommitAsync(CheckpointImported imported, int holders, Action<CheckpointImported> committed, CancellationToken cancellationToken)
    {
        string? refusal;
        try
        {
            refusal = Send is { } send ? await send(imported, cancellationToken).ConfigureAwait(false) : await SendOnceAsync(imported, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or ContractRevertException or TimeoutException)
        {
            refusal = exception.Message;
        }

        if (refusal is not null)
        {
            _neverCommitted.Add(imported.Cid);
            NodeLog.CheckpointNotCommitted(_logger, _plan.LeaseId, imported.Step, refusal);
            Report(imported, CheckpointCommitOutcomeKind.Failed, holders, refusal);
            return;
        }

        var previous = _committedCid;
        _committedStep = imported.Step;
        _committedCid = imported.Cid;
        try
        {
            committed(imported);
        }
        catch (IOException exception)
        {
            // The chain has the commit; only the node's own record of it failed (a full disk). The run goes on from the
            // chain's view, and a restarted node reads the committed step from the chain again.
            CheckpointLog.CommitNotRecorded(_logger, exception, imported.Step, _plan.LeaseId.ToString(CultureInfo.InvariantCulture));
        }

        NodeLog.CheckpointCommitted(_logger, _plan.LeaseId, imported.Step, imported.Cid.ToString());
        Report(imported, CheckpointCommitOutcomeKind.Committed, holders, null);
        var stale = _neverCommitted.Append(previous).OfType<Cid>().Where(cid => cid != imported.Cid).Distinct().ToList();
        _neverCommitted.Clear();
        foreach (var cid in stale)
        {
            if (!await TryUnpinAsync(cid, cancellationToken).ConfigureAwait(false))
            {
                _neverCommitted.Add(cid);
            }
        }
    }

    /// <summary>
    /// Unpins a checkpoint that is no longer needed; false when the pin store failed (a full disk): the pin stays, and
    /// the caller tries again later. Such a failure must not end the committer, or no checkpoint would be committed
    /// again once the space is back.
    /// </summary>
    private async Task<bool> TryUnpinAsync(Cid cid, CancellationToken cancellationToken)
    {
        try
        {
            await _content.UnpinAsync(cid, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IOException exception)
        {
            CheckpointLog.UnpinFailed(_logger, cid.ToString(), _plan.LeaseId.ToString(CultureInfo.InvariantCulture), exception.Message);
            return false;
        }
    }

    private async Task<string?> SendOnceAsync(CheckpointImported imported, CancellationToken cancellationToken)
    {
        await _market.CommitCheckpointAsync(_plan.LeaseId, _plan.Epoch, imported.Cid, imported.Step, imported.ContentBytes, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private void GiveUp(CheckpointImported imported, CheckpointCommitOutcomeKind kind, string reason)
    {
        _pending.RemoveAll(pending => pending.Checkpoint.Step == imported.Step);
        _neverCommitted.Add(imported.Cid);
        NodeLog.CheckpointNotCommitted(_logger, _plan.LeaseId, imported.Step, reason);
        Report(imported, kind, Holders(imported), reason);
    }

    private int Holders(CheckpointImported imported) => _holders.Count(_plan.LeaseId, _plan.Epoch, imported.Cid, _plan.Standbys);

    private void Report(CheckpointImported imported, CheckpointCommitOutcomeKind kind, int holders, string? reason) =>
        _outcomes.Writer.TryWrite(new CheckpointCommitOutcome(imported.Step, imported.Cid, kind, holders, reason));
}
