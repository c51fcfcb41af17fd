using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Events.Registry;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>The checker's rule about reports: no provider is reported (and slashed) for missed heartbeats while its on-chain heartbeats were on time.</summary>
public static class SlashChecks
{
    /// <summary>
    /// For every missed-heartbeat report on the chain, the provider's last heartbeat mined before it is more than the heartbeat timeout older than the report's block.
    /// </summary>
    public static async Task NoSlashOnTimeAsync(ScenarioHistory history, CheckerBounds bounds, List<string> violations)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(violations);
        var chain = history.ChainEvents;
        foreach (var report in chain.Of<FaultReported>().Where(fault => fault.Reason == LeaseReason.MissedHeartbeat))
        {
            var provider = report.Provider.ToLowerInvariant();
            var lastSign = chain.Events
                .Where(item => ChainHistory.Precedes(item, report) && IsSignOfLife(item, provider))
                .LastOrDefault();
            if (lastSign is null)
            {
                continue; // never heart-beat: never on time
            }

            var reportedAt = await chain.TimeOfAsync(report);
            var lastAt = await chain.TimeOfAsync(lastSign);
            if (reportedAt <= lastAt + bounds.HeartbeatTimeout)
            {
                violations.Add($"lease {report.LeaseId}: {provider} reported at {reportedAt:HH:mm:ss} though its last heartbeat was mined at {lastAt:HH:mm:ss}, within the {bounds.HeartbeatTimeout.TotalSeconds} s timeout");
            }
        }
    }

    private static bool IsSignOfLife(ChainEvent item, string provider) =>
        item is HeartbeatRecorded heartbeat && string.Equals(heartbeat.Provider, provider, StringComparison.OrdinalIgnoreCase);
}
