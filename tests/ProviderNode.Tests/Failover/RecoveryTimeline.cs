using System.Globalization;
using System.Numerics;
using System.Text;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Tests.Failover;

/// <summary>
/// When each step of one recovery happened, on the test machine's clock: the kill; the report and the assignment to the
/// standby that runs the lease (first seen by polling the lease every 100 ms); the new workload's start (its
/// process-group file, written as it starts) and first checkpoint (its <c>.complete</c> file); that checkpoint's commit
/// (first seen by polling). Block times are not used for these: anvil gives every block a later second than its parent,
/// so with several transactions a second its clock runs ahead of the wall clock. The chain's own view is kept as one
/// number: how long the dead provider had been silent on its clock when the report was mined.
/// </summary>
/// <param name="Epoch">The epoch the lease resumed at.</param>
/// <param name="ResumedStep">The committed step it resumed from.</param>
/// <param name="Killed">When the provider was killed.</param>
/// <param name="Reported">When the report was first seen mined (the lease at a later epoch).</param>
/// <param name="Assigned">When the lease was first seen assigned to the standby that runs it.</param>
/// <param name="WorkloadStarted">When that standby started the workload.</param>
/// <param name="FirstCheckpointWritten">When the resumed workload finished writing its first checkpoint.</param>
/// <param name="FirstCheckpointCommitted">When that checkpoint's commit was first seen.</param>
/// <param name="ChainSilenceAtReport">On the chain's clock, from the dead provider's last heartbeat to the report's block.</param>
public sealed record RecoveryTimeline(
    uint Epoch,
    ulong ResumedStep,
    DateTimeOffset Killed,
    DateTimeOffset Reported,
    DateTimeOffset Assigned,
    DateTimeOffset WorkloadStarted,
    DateTimeOffset FirstCheckpointWritten,
    DateTimeOffset FirstCheckpointCommitted,
    TimeSpan ChainSilenceAtReport)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Kill to the workload running again on the standby.</summary>
    public TimeSpan KillToRunning => WorkloadStarted - Killed;

    /// <summary>
    /// Polls the lease from the kill of <paramref name="dead"/> (at <paramref name="killed"/>) until <paramref name="standby"/>
    /// committed its first checkpoint, then reads the rest of the timeline.
    /// </summary>
    public static async Task<RecoveryTimeline> RecordAsync(FailoverScenario scenario, DateTimeOffset killed, DevnetNode dead, DevnetNode standby)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(dead);
        ArgumentNullException.ThrowIfNull(standby);
        DateTimeOffset? reported = null, assigned = null, committed = null;
        LeaseDetails? atAssignment = null;
        var deadline = DateTimeOffset.UtcNow + DevnetTenant.Patience;
        while (committed is null)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The lease was not resumed and checkpointed by {standby.Owner.Address} in time (reported: {reported}, assigned: {assigned}).");
            }

            var lease = (await scenario.Market.GetLeaseAsync(scenario.LeaseId, CancellationToken.None))!;
            var now = DateTimeOffset.UtcNow;
            reported ??= lease.Epoch > 0 ? now : null;
            if (atAssignment is null && string.Equals(lease.Provider, standby.Owner.Address, StringComparison.OrdinalIgnoreCase))
            {
                (assigned, atAssignment) = (now, lease);
            }

            committed = atAssignment is not null && lease.Epoch == atAssignment.Epoch && lease.CheckpointStep != atAssignment.CheckpointStep ? now : null;
            await Task.Delay(PollInterval);
        }

        return await CompleteAsync(scenario, killed, dead, standby, atAssignment!, reported!.Value, assigned!.Value, committed.Value);
    }

    private static async Task<RecoveryTimeline> CompleteAsync(FailoverScenario scenario, DateTimeOffset killed, DevnetNode dead, DevnetNode standby, LeaseDetails atAssignment,
        DateTimeOffset reported, DateTimeOffset assigned, DateTimeOffset committed)
    {
        var epoch = atAssignment.Epoch;
        var firstCommit = (await scenario.CommitsAsync(epoch))[0];
        var fault = (await DevnetTenant.MarketEventsAsync(scenario.Chain)).OfType<FaultReported>()
            .First(fault => fault.LeaseId == scenario.LeaseId && string.Equals(fault.Provider, dead.Owner.Address, StringComparison.OrdinalIgnoreCase));
        var provider = await scenario.Chain.Connection.Registry().GetProviderAsync(dead.Owner.Address, CancellationToken.None);
        var reportBlock = await BlockTimestampAsync(scenario, fault.BlockNumber);
        var pidFile = Path.Combine(standby.Directory, "data", "processes", "runs", FormattableString.Invariant($"lease-{scenario.LeaseId}-e{epoch}-r0"), ProcessGroupRecord.FileName);
        var firstFolder = Path.Combine(scenario.RunDirectory(standby, epoch), "checkpoints", "step-" + firstCommit.Step.ToString(CultureInfo.InvariantCulture), ".complete");
        return new RecoveryTimeline(
            epoch,
            atAssignment.CheckpointStep,
            killed,
            reported,
            assigned,
            WrittenAt(pidFile),
            WrittenAt(firstFolder),
            committed,
            TimeSpan.FromSeconds((double)(reportBlock - provider!.LastHeartbeat.ToUnixTimeSeconds())));
    }

    /// <summary>The timeline as a table, each row with its time after the kill.</summary>
    public string ToTable()
    {
        var table = new StringBuilder("| event | after the kill (s) |\n|---|---|\n");
        foreach (var (name, at) in new[]
        {
            ("kill -9 of the active provider", Killed), ("report mined: slashed, finder's fee, lease at the next epoch", Reported),
            ($"lease assigned to the standby at epoch {Epoch}", Assigned), ($"workload started on the standby (resumed from step {ResumedStep})", WorkloadStarted),
            ("first new checkpoint written", FirstCheckpointWritten), ("first new checkpoint committed (replicated first)", FirstCheckpointCommitted),
        })
        {
            table.Append(CultureInfo.InvariantCulture, $"| {name} | {(at - Killed).TotalSeconds:0.0} |\n");
        }

        table.Append(CultureInfo.InvariantCulture, $"\nOn the chain's clock the dead provider had been silent {ChainSilenceAtReport.TotalSeconds:0} s when the report was mined.\n");
        return table.ToString();
    }

    /// <summary>The time of <paramref name="blockNumber"/>'s block, in Unix seconds.</summary>
    public static async Task<BigInteger> BlockTimestampAsync(FailoverScenario scenario, ulong blockNumber)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var header = await scenario.Chain.Anvil.Rpc.GetBlockHeaderAsync(blockNumber, CancellationToken.None);
        return header!.Timestamp;
    }

    private static DateTimeOffset WrittenAt(string file)
    {
        Assert.True(File.Exists(file), file + " exists");
        return new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
    }
}
