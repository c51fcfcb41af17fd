using DePinGpu.Protocol.Events.Market;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>The checker's rules about who runs a lease: always someone, never two at once.</summary>
public static class HolderChecks
{
    /// <summary>
    /// No lease without a running holder beyond the bound: between the first step and the lease's end (or the check),
    /// no gap between steps of any holder is longer than <see cref="CheckerBounds.NoHolder"/>. Returns the longest gap.
    /// </summary>
    public static async Task<TimeSpan> LeasesAlwaysHeldAsync(ScenarioHistory history, CheckerBounds bounds, List<string> violations)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(violations);
        var longest = TimeSpan.Zero;
        foreach (var lease in history.Leases)
        {
            var steps = history.Steps.Where(entry => entry.LeaseId == lease.LeaseId && entry.IsStep).Select(entry => entry.Time).Order().ToList();
            if (steps.Count == 0)
            {
                violations.Add($"lease {lease.LeaseId}: no holder ever made a step");
                continue;
            }

            var ended = history.ChainEvents.OfLease<LeaseClosed>(lease.LeaseId).Cast<Protocol.Events.ChainEvent>()
                .Concat(history.ChainEvents.OfLease<LeaseCompleted>(lease.LeaseId)).FirstOrDefault();
            steps.Add(ended is null ? history.ReadAt : await history.ChainEvents.TimeOfAsync(ended));
            for (var index = 1; index < steps.Count; index++)
            {
                var gap = steps[index] - steps[index - 1];
                longest = gap > longest ? gap : longest;
                if (gap > bounds.NoHolder)
                {
                    violations.Add($"lease {lease.LeaseId}: no holder made a step for {gap.TotalSeconds:F1} s (from {steps[index - 1]:HH:mm:ss.fff}), over the {bounds.NoHolder.TotalSeconds} s bound");
                }
            }
        }

        return longest;
    }

    /// <summary>
    /// Never two holders after the hand-over was known: once the chain moved a lease to epoch E, no run of an older
    /// epoch makes a step later than <see cref="CheckerBounds.Stop"/> after its node could know it (awake and on the
    /// chain again); and within an epoch, once a run restarted, the older run makes no further step.
    /// </summary>
    public static async Task SingleHolderAsync(ScenarioHistory history, CheckerBounds bounds, List<string> violations)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(violations);
        foreach (var lease in history.Leases)
        {
            var entries = history.Steps.Where(entry => entry.LeaseId == lease.LeaseId).ToArray();
            foreach (var moved in history.ChainEvents.OfLease<LeaseReassigned>(lease.LeaseId))
            {
                var handedOver = await history.ChainEvents.TimeOfAsync(moved);
                var known = history.Faults.FirstAwake(moved.PreviousProvider, handedOver) ?? handedOver;
                var late = entries.Where(entry => entry.IsStep && entry.Epoch < moved.NewEpoch && entry.Time > known + bounds.Stop).ToArray();
                if (late.Length > 0)
                {
                    violations.Add($"lease {lease.LeaseId}: epoch {late[0].Epoch} made {late.Length} steps (last {late[^1].Step} at {late[^1].Time:HH:mm:ss.fff}) after epoch {moved.NewEpoch} was known at {known:HH:mm:ss.fff}");
                }
            }

            // A reorg may remove the hand-over a run started for: that run must stop once the chain dropped its epoch.
            var canonical = history.ChainEvents.OfLease<LeaseReassigned>(lease.LeaseId).Select(moved => moved.NewEpoch)
                .Concat(history.ChainEvents.OfLease<LeaseAssigned>(lease.LeaseId).Select(assigned => assigned.Epoch)).Append(0u).ToHashSet();
            foreach (var reorg in history.Faults.Records.Where(record => record.Kind == Faults.FaultKind.ChainReorged))
            {
                var orphaned = entries.Where(entry => entry.IsStep && !canonical.Contains(entry.Epoch) && entry.Time > reorg.Time + bounds.Stop).ToArray();
                if (orphaned.Length > 0)
                {
                    violations.Add($"lease {lease.LeaseId}: epoch {orphaned[0].Epoch}, dropped by the reorg at {reorg.Time:HH:mm:ss.fff}, made {orphaned.Length} more steps");
                }
            }

            var starts = entries.Where(entry => entry.Kind == "start").ToArray();
            foreach (var restart in starts)
            {
                var olderRuns = starts.Where(start => start.Epoch == restart.Epoch && start.Time < restart.Time).Select(start => start.Run).ToHashSet();
                var older = entries.Where(entry => entry.IsStep && olderRuns.Contains(entry.Run) && entry.Time > restart.Time).ToArray();
                if (older.Length > 0)
                {
                    violations.Add($"lease {lease.LeaseId} epoch {restart.Epoch}: an older run (process {older[0].Run}) made {older.Length} steps after run {restart.Run} (restart {restart.Restart}) started");
                }
            }
        }
    }
}
