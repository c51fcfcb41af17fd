using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>The times docs/reliability.md reports, read from a scenario's history.</summary>
public static class OutcomeTimes
{
    /// <summary>From the fault to the first report or hand-over of a scenario's lease on the chain (null: none).</summary>
    public static async Task<TimeSpan?> DetectionAsync(ScenarioHistory history, DateTimeOffset injectedAt)
    {
        ArgumentNullException.ThrowIfNull(history);
        var first = history.Leases
            .SelectMany(lease => history.ChainEvents.OfLease<FaultReported>(lease.LeaseId).Cast<ChainEvent>().Concat(history.ChainEvents.OfLease<LeaseReassigned>(lease.LeaseId)))
            .OrderBy(item => item.BlockNumber).FirstOrDefault();
        return first is null ? null : await history.ChainEvents.TimeOfAsync(first) - injectedAt;
    }

    /// <summary>From the fault to the first step of a run started after it (null: no run had to start again).</summary>
    public static TimeSpan? Recovery(ScenarioHistory history, DateTimeOffset injectedAt)
    {
        ArgumentNullException.ThrowIfNull(history);
        var newRuns = history.Steps.Where(entry => entry.Kind == "start" && entry.Time > injectedAt).Select(entry => entry.Run).ToHashSet();
        var first = history.Steps.FirstOrDefault(entry => entry.IsStep && newRuns.Contains(entry.Run));
        return first is null ? null : first.Time - injectedAt;
    }
}
