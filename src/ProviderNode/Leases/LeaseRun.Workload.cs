using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>The workload and its checkpoints.</summary>
public sealed partial class LeaseRun
{
    private string WorkloadDirectory => Path.Combine(_context.WorkloadsDirectory, $"{_record.Id}-{_record.Epoch}");

    private async Task<WorkloadRunResult> RunWorkloadAsync(JobSpec spec, OrderKind kind, IWorkload? adopted, CancellationToken cancellationToken)
    {
        var directories = new WorkloadDirectories(Path.Combine(WorkloadDirectory, "checkpoints"), Path.Combine(WorkloadDirectory, "output"), null, null);
        Directory.CreateDirectory(directories.Checkpoints);
        Directory.CreateDirectory(directories.Output);
        var watcher = _context.Watchers.Create(Lease, directories.Checkpoints, (ulong?)_record.CommittedStep);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var scanning = watcher.RunAsync(watching.Token);
        var committing = CommitAsync(watcher, kind, cancellationToken);
        WorkloadRunResult result;
        if (adopted is not null)
        {
            await StartedAsync(adopted).ConfigureAwait(false);
            result = new WorkloadRunResult(await adopted.Completion.WaitAsync(cancellationToken).ConfigureAwait(false), 0, null);
        }
        else
        {
            var launch = new WorkloadLaunch(Lease, spec, directories, 0);
            result = await _context.Supervisor.RunAsync(launch, ResumeDirectoryAsync, StartedAsync, cancellationToken).ConfigureAwait(false);
        }

        await watching.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellationAsync(scanning).ConfigureAwait(false);
        await watcher.FinishAsync(cancellationToken).ConfigureAwait(false);
        await committing.ConfigureAwait(false);
        return result;
    }

    private Task StartedAsync(IWorkload workload)
    {
        _workload = workload;
        Transition(LeaseTrigger.Started);
        NodeLog.WorkloadStarted(_context.Logger, Lease.LeaseId, Lease.Epoch, workload.RuntimeId);
        return Task.CompletedTask;
    }

    private async Task CommitAsync(CheckpointWatcher watcher, OrderKind kind, CancellationToken cancellationToken)
    {
        await foreach (var checkpoint in watcher.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (checkpoint)
            {
                case CheckpointImported imported when kind == OrderKind.Stateful:
                    await CommitOneAsync(watcher, imported, cancellationToken).ConfigureAwait(false);
                    break;
                case CheckpointRejected rejected:
                    NodeLog.CheckpointNotCommitted(_context.Logger, Lease.LeaseId, rejected.Step, rejected.Reason);
                    break;
            }
        }
    }

    /// <summary>
    /// Commits one checkpoint and, once mined, unpins the previous one. A commit that fails (the chain is unreachable,
    /// the lease moved) is logged and skipped: the next checkpoint is a later step, and nothing is committed while the
    /// chain cannot be reached.
    /// </summary>
    private async Task CommitOneAsync(CheckpointWatcher watcher, CheckpointImported imported, CancellationToken cancellationToken)
    {
        if (_record.CommittedStep is { } committed && (long)imported.Step <= committed)
        {
            NodeLog.CheckpointNotCommitted(_context.Logger, Lease.LeaseId, imported.Step, $"step {imported.Step} is not above the committed step {committed}");
            return;
        }

        if (!MayCommit)
        {
            NodeLog.CheckpointNotCommitted(_context.Logger, Lease.LeaseId, imported.Step, "the chain is out of reach (or the leases are being read back); nothing is committed until it answers");
            return;
        }

        try
        {
            if (!await SendLeaseCallAsync(
                "commitCheckpoint",
                ct => _context.Market.CommitCheckpointAsync(Lease.LeaseId, Epoch, imported.Cid, imported.Step, imported.ContentBytes, ct),
                lease => IsCommitted(lease, imported.Step),
                cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or ContractRevertException or TimeoutException)
        {
            NodeLog.CheckpointNotCommitted(_context.Logger, Lease.LeaseId, imported.Step, exception.Message);
            return;
        }

        var previous = _record.CommittedCid;
        Save(_record with { CommittedStep = (long)imported.Step, CommittedCid = imported.Cid.ToString() });
        watcher.MarkCommitted(imported.Step);
        CommitSeen();
        _context.Metrics.CheckpointCommitted();
        NodeLog.CheckpointCommitted(_context.Logger, Lease.LeaseId, imported.Step, imported.Cid.ToString());
        if (previous is not null && previous != imported.Cid.ToString())
        {
            await _context.Content.UnpinAsync(Cid.Parse(previous), cancellationToken).ConfigureAwait(false);
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
