using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;

namespace DePinGpu.TenantCli.Demo;

/// <summary>The demo's checks on what happened to the job: kill, report, hand-over, resume step, completion, timeline.</summary>
internal static class FailoverChecks
{
    /// <summary>The checks, in the story's order.</summary>
    public static IReadOnlyList<DemoCheck> Evaluate(DemoObservations seen, DevnetLayout devnet, DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(devnet);
        ArgumentNullException.ThrowIfNull(options);
        var needed = options.RandomKill ? 1 : options.KillAfterCheckpoints;
        var committed = seen.Of<CheckpointCommitted>().Select(entry => entry.Event).ToArray();
        var lastCommitted = committed.Where(commit => commit.Epoch == 0).Select(commit => (long)commit.Step).DefaultIfEmpty(-1).Max();
        var fault = seen.Of<FaultReported>().Select(entry => entry.Event).FirstOrDefault();
        var handedTo = seen.Of<LeaseAssigned>().Select(entry => entry.Event).FirstOrDefault(assigned => assigned.Epoch == 1);
        var firstNew = committed.FirstOrDefault(commit => commit.Epoch == 1);
        var closed = seen.Of<LeaseClosed>().Select(entry => entry.Event).FirstOrDefault();
        var missing = seen.Timeline.Missing();
        return
        [
            new($"the active provider was killed after {needed} committed checkpoint(s)", seen.Timeline.Kill is not null && seen.CommitsBeforeKill >= needed, $"{seen.CommitsBeforeKill} committed at the kill (last step {lastCommitted})"),
            new("the verifier reported the killed provider (missed heartbeat, epoch 0)",
                fault is not null && Same(fault.Provider, seen.KilledOwner) && Same(fault.Reporter, devnet.Verifier) && fault.Epoch == 0 && fault.Reason == LeaseReason.MissedHeartbeat,
                fault is null ? "no FaultReported event" : $"{devnet.NameOf(fault.Provider)} reported by {fault.Reporter} ({fault.Reason}, epoch {fault.Epoch})"),
            new("the first standby took the lease at epoch 1", handedTo is not null && seen.Standbys.Count > 0 && Same(handedTo.Provider, seen.Standbys[0]),
                handedTo is null ? "no LeaseAssigned at epoch 1" : $"{devnet.NameOf(handedTo.Provider)}; standby queue {string.Join(", ", seen.Standbys.Select(devnet.NameOf))}"),
            new("the standby resumed from the last committed checkpoint", seen.ResumedFromStep == lastCommitted, $"resumed from step {Text(seen.ResumedFromStep)}, last committed step {lastCommitted}"),
            new("the resumed step = last committed step + 1 (not 0)", seen.FirstStepAfterResume == lastCommitted + 1, $"first step on the standby {Text(seen.FirstStepAfterResume)}, expected {lastCommitted + 1}"),
            new("a new checkpoint was committed at epoch 1", firstNew is not null && (long)firstNew.Step > lastCommitted, firstNew is null ? "none" : $"step {firstNew.Step}"),
            new($"the job finished (step {options.Steps}) and the lease completed", closed?.Reason == LeaseReason.Completed && seen.DoneStep == options.Steps,
                $"close reason {closed?.Reason.ToString() ?? "none"}, last step {Text(seen.DoneStep)}"),
            new("the timeline is complete", missing.Count == 0, missing.Count == 0 ? "kill, last heartbeat, report, acknowledgement, running again, new checkpoint, close" : "missing: " + string.Join(", ", missing)),
        ];
    }

    private static string Text(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";

    private static bool Same(string? left, string? right) => left is not null && string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
