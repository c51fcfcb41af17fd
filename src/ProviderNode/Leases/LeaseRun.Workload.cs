using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>The workload and its checkpoints.</summary>
public sealed partial class LeaseRun
{
    private string WorkloadDirectory => RunDirectory(_context.WorkloadsDirectory, _record.Id, _record.Epoch);

    /// <summary>The folder of the run of lease <paramref name="leaseId"/> at <paramref name="epoch"/> (a standby creates the hand-over's container with mounts into it ahead).</summary>
    public static string RunDirectory(string workloadsDirectory, string leaseId, long epoch) => Path.Combine(workloadsDirectory, $"{leaseId}-{epoch}");

    /// <summary>
    /// Runs the workload (or waits for the adopted one) while its checkpoints are watched; a stateful lease's checkpoints
    /// go through the <see cref="CheckpointCommitter"/> of <paramref name="plan"/>, a stateless lease's are only logged.
    /// </summary>
    private async Task<WorkloadRunResult> RunWorkloadAsync(JobSpec spec, Task<CheckpointCommitPlan>? plan, IWorkload? adopted, string? resume, CancellationToken cancellationToken)
    {
        var (inputs, inputProblem) = await PlaceInputsAsync(spec, cancellationToken).ConfigureAwait(false);
        if (inputProblem is not null)
        {
            return new WorkloadRunResult(null, 0, inputProblem);
        }

        var directories = new WorkloadDirectories(Path.Combine(WorkloadDirectory, "checkpoints"), Path.Combine(WorkloadDirectory, "output"), resume, inputs);
        Directory.CreateDirectory(directories.Checkpoints);
        Directory.CreateDirectory(directories.Output);
        var watcher = _context.Watchers.Create(Lease, directories.Checkpoints, (ulong?)_record.CommittedStep);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var scanning = watcher.RunAsync(watching.Token);
        var committing = plan is null ? LogRejectionsAsync(watcher, cancellationToken) : CommitAsync(plan, watcher, cancellationToken);
        try
        {
            WorkloadRunResult result;
            if (adopted is not null)
            {
                _service = AdoptedService(spec, adopted);
                // Supervised like a run this node started: killed behind its back (or asking for it), it restarts in place.
                var launch = new WorkloadLaunch(Lease, spec, directories, adopted.RestartCount, _service?.HostPort);
                result = await _context.Supervisor.AdoptAsync(launch, adopted, ResumeDirectoryAsync, StartedAsync, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _service = spec.Service is { } service ? ServiceEndpointFile.Allocate(WorkloadDirectory, service, _context.Logger) : null;
                var launch = new WorkloadLaunch(Lease, spec, directories, 0, _service?.HostPort);
                result = await _context.Supervisor.RunAsync(launch, ResumeDirectoryAsync, StartedAsync, cancellationToken).ConfigureAwait(false);
                _service = null;
            }

            await watching.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellationAsync(scanning).ConfigureAwait(false);
            await watcher.FinishAsync(cancellationToken).ConfigureAwait(false);
            await committing.ConfigureAwait(false);
            return result;
        }
        finally
        {
            // A run cut short (a drain, the lease moving, the node stopping) must not leave its watcher scanning: a pass
            // still under way imported the checkpoint a workload writes on SIGTERM, pinned forever.
            await watching.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellationAsync(scanning).ConfigureAwait(false);
            // A run that threw never reached FinishAsync: without this the commit path waited for events for ever and
            // the failure was never logged (a container the engine refused to start stayed "Created", silently).
            watcher.Abandon();
            await IgnoreCancellationAsync(committing).ConfigureAwait(false);
            await UnpinUnreadImportsAsync(watcher).ConfigureAwait(false);
            _service = null;
        }
    }

    /// <summary>A re-attached workload's service is served again where its container publishes it, under the saved secret.</summary>
    private ServiceEndpoint? AdoptedService(JobSpec spec, IWorkload adopted)
    {
        if (spec.Service is not { } service)
        {
            return null;
        }

        if ((adopted as IPortPublishingWorkload)?.HostPortOf(service.Port) is not { } hostPort)
        {
            ServiceLog.AdoptedNotPublished(_context.Logger, _record.Id, service.Port);
            return null;
        }

        ServiceLog.AdoptedServed(_context.Logger, _record.Id, hostPort);
        return ServiceEndpointFile.Adopt(WorkloadDirectory, service, hostPort, _context.Logger);
    }

    /// <summary>Checkpoints imported (and pinned) after the committer stopped reading are never committed: unpinned.</summary>
    private async Task UnpinUnreadImportsAsync(CheckpointWatcher watcher)
    {
        while (watcher.Events.TryRead(out var checkpoint))
        {
            if (checkpoint is CheckpointImported imported && imported.Cid.ToString() != _record.CommittedCid)
            {
                await _context.Content.UnpinAsync(imported.Cid, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task StartedAsync(IWorkload workload)
    {
        bool disowned;
        lock (_recordGate)
        {
            _workload = workload;
            disowned = _disowned;
        }

        if (disowned)
        {
            // The acknowledgement failed (or the lease moved) while this start was under way.
            await workload.KillAsync(CancellationToken.None).ConfigureAwait(false);
            return;
        }

        Transition(LeaseTrigger.Started);
        NodeLog.WorkloadStarted(_context.Logger, Lease.LeaseId, Lease.Epoch, workload.RuntimeId);
    }

    private void Committed(CheckpointWatcher watcher, CheckpointImported imported)
    {
        lock (_recordGate)
        {
            Save(_record with { CommittedStep = (long)imported.Step, CommittedCid = imported.Cid.ToString() });
        }

        watcher.MarkCommitted(imported.Step);
        CommitSeen();
        _context.Metrics.CheckpointCommitted();
    }

    /// <summary>The stateful lease's commit path, once its plan is read (the checkpoints imported meanwhile wait in the watcher's channel).</summary>
    private async Task CommitAsync(Task<CheckpointCommitPlan> plan, CheckpointWatcher watcher, CancellationToken cancellationToken)
    {
        var committer = new CheckpointCommitter(await plan.ConfigureAwait(false), _context.Market, _context.Content, _context.Bus, _context.Holders, _context.Logger)
        {
            Send = CommitThroughChainAsync,
        };
        await committer.RunAsync(watcher.Events, imported => Committed(watcher, imported), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A stateless lease commits nothing: its checkpoint events are only logged.</summary>
    private async Task LogRejectionsAsync(CheckpointWatcher watcher, CancellationToken cancellationToken)
    {
        await foreach (var checkpoint in watcher.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (checkpoint is CheckpointRejected rejected)
            {
                NodeLog.CheckpointNotCommitted(_context.Logger, Lease.LeaseId, rejected.Step, rejected.Reason);
            }
        }
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The watcher stops by cancellation once the workload ended; its last pass follows.
        }
    }
}
