using System.Globalization;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Events.Market;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>The checker's rules about checkpoints: the last committed one can be served, and runs resume from a committed one.</summary>
public static class CheckpointChecks
{
    /// <summary>
    /// No committed checkpoint that no live node can serve: the last checkpoint committed for each lease is exported,
    /// blocks verified, from the gateway of at least one node that is running, and holds the committed step.
    /// </summary>
    public static async Task LastCommitServableAsync(ScenarioHistory history, string scratch, List<string> violations)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(violations);
        foreach (var lease in history.Leases)
        {
            if (history.ChainEvents.OfLease<CheckpointCommitted>(lease.LeaseId).LastOrDefault() is not { Cid: { } cid } last)
            {
                continue;
            }

            var servedBy = new List<string>();
            foreach (var node in history.Nodes.Where(node => node.IsAwake))
            {
                try
                {
                    var state = await DevnetTenant.ExportStateAsync(node.Devnet.Api, cid, Path.Combine(scratch, $"{lease.LeaseId}-{node.Name}-{Guid.NewGuid():N}"));
                    if (state == last.Step.ToString(CultureInfo.InvariantCulture))
                    {
                        servedBy.Add(node.Name);
                    }
                }
                catch (HttpRequestException)
                {
                    // This node does not hold it: another may.
                }
            }

            if (servedBy.Count == 0)
            {
                violations.Add($"lease {lease.LeaseId}: no live node serves its last committed checkpoint {cid} (step {last.Step})");
            }
        }
    }

    /// <summary>
    /// The workload's steps continue from the resumed checkpoint: every run that resumed did so from the checkpoint
    /// the chain had last committed before it started (for a new epoch: before the hand-over), and its next step is
    /// the one after; a run of a new epoch that did not resume had nothing committed to resume from.
    /// </summary>
    public static async Task ResumesContinueAsync(ScenarioHistory history, List<string> violations)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(violations);
        foreach (var lease in history.Leases)
        {
            var commits = history.ChainEvents.OfLease<CheckpointCommitted>(lease.LeaseId);
            var entries = history.Steps.Where(entry => entry.LeaseId == lease.LeaseId).ToArray();
            foreach (var start in entries.Where(entry => entry.Kind == "start"))
            {
                var run = entries.Where(entry => entry.Run == start.Run && entry.Epoch == start.Epoch).ToArray();
                var resume = run.FirstOrDefault(entry => entry.Kind == "resume");
                var firstStep = run.FirstOrDefault(entry => entry.IsStep);
                var committedBefore = await CommittedBeforeAsync(history, lease, start, commits);
                if (resume is null)
                {
                    if ((start.Epoch > 0 || start.Restart > 0) && committedBefore > 0)
                    {
                        violations.Add($"lease {lease.LeaseId} epoch {start.Epoch} run {start.Run}: started from scratch although step {committedBefore} was committed");
                    }

                    continue;
                }

                if (commits.All(commit => commit.Step != resume.Step))
                {
                    violations.Add($"lease {lease.LeaseId} epoch {start.Epoch} run {start.Run}: resumed from step {resume.Step}, which was never committed");
                }
                else if (start.Epoch > 0 && start.Restart == 0 && resume.Step != committedBefore)
                {
                    violations.Add($"lease {lease.LeaseId} epoch {start.Epoch}: resumed from step {resume.Step}, not the {committedBefore} committed before the hand-over");
                }

                if (firstStep is not null && firstStep.Step != resume.Step + 1)
                {
                    violations.Add($"lease {lease.LeaseId} epoch {start.Epoch} run {start.Run}: resumed from step {resume.Step} but went on at step {firstStep.Step}");
                }
            }
        }
    }

    /// <summary>The step committed last before the run could have read the chain: before the hand-over to its epoch, or before it started.</summary>
    private static async Task<ulong> CommittedBeforeAsync(ScenarioHistory history, CheckedLease lease, StepEntry start, IReadOnlyList<CheckpointCommitted> commits)
    {
        if (start.Epoch > 0 && start.Restart == 0
            && history.ChainEvents.OfLease<LeaseReassigned>(lease.LeaseId).FirstOrDefault(moved => moved.NewEpoch == start.Epoch) is { } handOver)
        {
            return commits.Where(commit => ChainHistory.Precedes(commit, handOver)).Select(commit => commit.Step).DefaultIfEmpty(0UL).Max();
        }

        var committed = 0UL;
        foreach (var commit in commits)
        {
            // Block times have whole seconds: a commit in the second before the start may not have been seen yet.
            if (await history.ChainEvents.TimeOfAsync(commit) < start.Time.AddSeconds(-2))
            {
                committed = Math.Max(committed, commit.Step);
            }
        }

        return committed;
    }
}
