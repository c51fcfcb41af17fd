using DePinGpu.ProviderNode.Diagnostics;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>What a drain needs of a run: its committed checkpoint, a wait for the next commit, a stop and a release.</summary>
public sealed partial class LeaseRun
{
    private TaskCompletionSource _commitSeen = NewCommitSignal();

    /// <summary>The lease's order (decimal).</summary>
    public string OrderId => _record.OrderId;

    /// <summary>The last step this run committed; null when none.</summary>
    public long? CommittedStep => _record.CommittedStep;

    /// <summary>The last checkpoint CID this run committed; null when none.</summary>
    public string? CommittedCid => _record.CommittedCid;

    /// <summary>
    /// Waits until a checkpoint above <paramref name="step"/> is committed (true), or until <paramref name="wait"/>
    /// passes or the run ends first (false).
    /// </summary>
    public async Task<bool> WaitForCommitAboveAsync(long? step, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        while (true)
        {
            // Read the signal before the record: a commit saved after this read completes this very signal.
            var signal = Volatile.Read(ref _commitSeen);
            if (_record.CommittedStep is { } committed && (step is null || committed > step))
            {
                return true;
            }

            if (_completion.IsCompleted)
            {
                return false;
            }

            try
            {
                await Task.WhenAny(signal.Task, _completion).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Ends the run for a drain: nothing more is committed, the workload gets SIGTERM and, after
    /// <paramref name="gracePeriod"/>, a kill, and its container is removed (a restarted node must not adopt it).
    /// </summary>
    public async Task StopForDrainAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The run ends by this cancellation; the workload is stopped below.
        }

        if (Interlocked.Exchange(ref _workload, null) is { } workload)
        {
            await workload.StopAsync(gracePeriod, cancellationToken).ConfigureAwait(false);
            await workload.RemoveAsync(cancellationToken).ConfigureAwait(false);
            await workload.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends <c>releaseLease</c> for this lease and epoch and, once mined, records the lease as handed over.</summary>
    public async Task ReleaseForDrainAsync(CancellationToken cancellationToken)
    {
        NodeLog.LeaseReleasing(_context.Logger, Lease.LeaseId, Lease.Epoch, "the node is draining");
        await _context.Market.ReleaseLeaseAsync(Lease.LeaseId, Epoch, cancellationToken).ConfigureAwait(false);
        _context.Metrics.LeaseEnded("released");
        Transition(LeaseTrigger.MovedOnChain);
    }

    private void CommitSeen() => Interlocked.Exchange(ref _commitSeen, NewCommitSignal()).TrySetResult();

    private static TaskCompletionSource NewCommitSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
