using System.Globalization;
using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>Acknowledging, resuming from the committed checkpoint, and the commit gate.</summary>
public sealed partial class LeaseRun
{
    /// <summary>
    /// For a stateful lease taken over at a later epoch (or restarted here after a commit) whose workload is not being
    /// adopted: the last committed checkpoint exported into the run's <c>resume</c> folder; null when there is none.
    /// A checkpoint that cannot be obtained is logged and the workload starts afresh (the tenant paid only up to it).
    /// <paramref name="lease"/> is the lease as read when the run started (its committed checkpoint's digest).
    /// </summary>
    private async Task<string?> ResumeDirectoryAsync(OrderKind kind, IWorkload? adopted, LeaseDetails? lease, CancellationToken cancellationToken)
    {
        if (kind != OrderKind.Stateful || adopted is not null || (Lease.Epoch == 0 && _record.CommittedCid is null))
        {
            return null;
        }

        var destination = Path.Combine(WorkloadDirectory, "resume");
        var committed = await _context.CommittedCheckpoints.ExportAsync(Lease.LeaseId, lease?.CheckpointDigest, destination, cancellationToken).ConfigureAwait(false);
        if (committed.Problem is { } problem)
        {
            HandoverLog.ResumeFailed(_context.Logger, Lease.LeaseId, Lease.Epoch, problem);
            return null;
        }

        if (committed.Directory is null)
        {
            HandoverLog.NothingToResume(_context.Logger, Lease.LeaseId, Lease.Epoch);
            return null;
        }

        if (committed.Prepared)
        {
            HandoverLog.ResumingPrepared(_context.Logger, Lease.LeaseId, Lease.Epoch, (long)committed.Step, committed.Cid!.ToString());
        }

        HandoverLog.Resuming(_context.Logger, Lease.LeaseId, Lease.Epoch, committed.Step, committed.Cid!.ToString(), committed.Directory);
        return committed.Directory;
    }

    /// <summary>
    /// Sends <c>ackLease</c> (retried on transient faults); true once it is mined, or when the chain shows this epoch
    /// already acknowledged (a restart after an acknowledgement the record missed); false when the lease is not ours.
    /// </summary>
    private async Task<bool> AcknowledgeAsync(CancellationToken cancellationToken)
    {
        var sent = await SendLeaseCallAsync("ackLease", token => _context.Market.AckLeaseAsync(Lease.LeaseId, Epoch, token), IsAcknowledged, cancellationToken)
            .ConfigureAwait(false);
        if (!sent && !await AcknowledgedOnChainAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Transition(LeaseTrigger.Acknowledged);
        NodeLog.LeaseAcknowledged(_context.Logger, Lease.LeaseId, Lease.Epoch);
        if (_workload is not null)
        {
            // The workload starts while the acknowledgement is pending: it may have started before it was mined.
            Transition(LeaseTrigger.Started);
        }

        return true;
    }

    /// <summary>
    /// The acknowledgement, sent while the workload starts: if it reverts or the lease is not ours, the workload must not
    /// run on. True once acknowledged; false (workload killed, run stopped, nothing sent) otherwise.
    /// </summary>
    private async Task<bool> AcknowledgeOrKillAsync(CancellationToken cancellationToken)
    {
        string problem;
        try
        {
            if (await AcknowledgeAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            problem = "the lease is not this node's at this epoch";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            HandoverLog.AcknowledgeFailed(_context.Logger, exception, Lease.LeaseId, Lease.Epoch);
            problem = exception.Message;
        }

        LeaseStartLog.NotAcknowledged(_context.Logger, Lease.LeaseId, Lease.Epoch, problem);
        Save(_record with { Problem = $"not acknowledged: {problem}" });
        await _stop.CancelAsync().ConfigureAwait(false);
        await DisownAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// The lease is not ours at this epoch: kills the workload, and one whose start is still under way as soon as it
    /// starts (<see cref="StartedAsync"/>), so that none outlives the decision. Both sides hold the record gate. True
    /// when a workload was running.
    /// </summary>
    private async Task<bool> DisownAsync()
    {
        IWorkload? workload;
        lock (_recordGate)
        {
            _disowned = true;
            workload = _workload;
        }

        if (workload is null)
        {
            return false;
        }

        await workload.KillAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    private bool IsAcknowledged(LeaseDetails lease) => lease.Epoch == Epoch && lease.State == LeaseState.Running;

    private async Task<bool> AcknowledgedOnChainAsync(CancellationToken cancellationToken) =>
        await _context.Market.GetLeaseAsync(Lease.LeaseId, cancellationToken).ConfigureAwait(false) is { } lease && IsAcknowledged(lease);

    /// <summary>
    /// The commit gate: the order's remaining standbys, and how many of them must hold each checkpoint. Read while the
    /// workload starts (it is not on the start path), retried while the chain does not answer.
    /// </summary>
    private async Task<CheckpointCommitPlan> CommitPlanAsync(JobSpec spec, Task<bool> acknowledged, CancellationToken cancellationToken)
    {
        var orderId = BigInteger.Parse(_record.OrderId, CultureInfo.InvariantCulture);
        var standbys = (await StandbysAsync(orderId, cancellationToken).ConfigureAwait(false))
            .Select(standby => standby.Provider.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var required = CheckpointCommitPlan.Required(spec.Checkpoint.Replicas, standbys.Count);
        HandoverLog.CommitGate(_context.Logger, Lease.LeaseId, Lease.Epoch, required);
        return new CheckpointCommitPlan(Lease, standbys, required, _context.ReplicationWait, (ulong?)_record.CommittedStep,
            _record.CommittedCid is { } cid ? Cid.Parse(cid) : null, acknowledged);
    }

    private async Task<IReadOnlyList<StandbyDetails>> StandbysAsync(BigInteger orderId, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _context.Market.GetStandbysAsync(orderId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (Connectivity.LeaseCalls.IsTransient(exception))
            {
                LeaseStartLog.StandbysUnread(_context.Logger, exception, Lease.LeaseId, Lease.Epoch, attempt, delay);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
        }
    }
}
