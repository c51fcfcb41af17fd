using System.Globalization;
using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Diagnostics;
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
    /// </summary>
    private async Task<string?> ResumeDirectoryAsync(OrderKind kind, Execution.IWorkload? adopted, CancellationToken cancellationToken)
    {
        if (kind != OrderKind.Stateful || adopted is not null || (Lease.Epoch == 0 && _record.CommittedCid is null))
        {
            return null;
        }

        var lease = await _context.Market.GetLeaseAsync(Lease.LeaseId, cancellationToken).ConfigureAwait(false);
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

    private async Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        await _context.Market.AckLeaseAsync(Lease.LeaseId, Epoch, cancellationToken).ConfigureAwait(false);
        Transition(LeaseTrigger.Acknowledged);
        NodeLog.LeaseAcknowledged(_context.Logger, Lease.LeaseId, Lease.Epoch);
        if (_workload is not null)
        {
            // The workload of a hand-over may have started before the acknowledgement was mined.
            Transition(LeaseTrigger.Started);
        }
    }

    /// <summary>The hand-over's acknowledgement, sent while the workload starts: if it fails, the workload must not run on.</summary>
    private async Task AcknowledgeOrKillAsync(CancellationToken cancellationToken)
    {
        try
        {
            await AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            HandoverLog.AcknowledgeFailed(_context.Logger, exception, Lease.LeaseId, Lease.Epoch);
            await _stop.CancelAsync().ConfigureAwait(false);
            if (_workload is { } workload)
            {
                await workload.KillAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The commit gate: the order's remaining standbys, and how many of them must hold each checkpoint.</summary>
    private async Task<CheckpointCommitPlan> CommitPlanAsync(JobSpec spec, Task acknowledged, CancellationToken cancellationToken)
    {
        var orderId = BigInteger.Parse(_record.OrderId, CultureInfo.InvariantCulture);
        var standbys = (await _context.Market.GetStandbysAsync(orderId, cancellationToken).ConfigureAwait(false))
            .Select(standby => standby.Provider.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var required = CheckpointCommitPlan.Required(spec.Checkpoint.Replicas, standbys.Count);
        HandoverLog.CommitGate(_context.Logger, Lease.LeaseId, Lease.Epoch, required);
        return new CheckpointCommitPlan(Lease, standbys, required, _context.ReplicationWait, (ulong?)_record.CommittedStep,
            _record.CommittedCid is { } cid ? Cid.Parse(cid) : null, acknowledged);
    }
}
