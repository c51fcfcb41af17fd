using System.Diagnostics;
using System.Globalization;
using DePinGpu.Chaos.Tests.Checking;
using DePinGpu.Chaos.Tests.Cluster;
using DePinGpu.Chaos.Tests.Faults;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using Xunit.Abstractions;

namespace DePinGpu.Chaos.Tests.Scenarios;

/// <summary>Scenario 11: a reorg removes the report that reassigned a lease.</summary>
[Collection(ChaosCollection.Name)]
public sealed class ReorgTests
{
    private readonly ChainFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ReorgTests(ChainFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    // The test is the only verifier (no node runs the role), so the report exists on the dropped branch only: the
    // canonical chain after the reorg has the lease at epoch 0 on the provider that was frozen, which then wakes up
    // (it never saw the report) and heart-beats again. The standby that started the lease at epoch 1 on the report
    // must learn of the reorg and stop; the provider keeps the lease; every node ends with one view of the holder.
    [Fact]
    public async Task Scenario11_AReorgRemovesTheReportThatReassignedALease_EveryNodeFollowsTheCanonicalChain_OneHolderInTheEnd()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output, verifier: _ => false);
        var lease = await cluster.RunLeaseAsync(standbys: 2);
        var (active, promoted) = (lease.Active, lease.Holders[1]);
        var reporter = cluster.Chain.Market(await cluster.Chain.FundedKeyAsync(tokens: 0));

        var injectedAt = DateTimeOffset.UtcNow;
        active.Freeze();
        await ChaosCluster.UntilAsync(async () => await ReportableAsync(reporter, lease), "the frozen provider's lease is reportable");
        var snapshot = await ChainFaults.SnapshotAsync(cluster.Chain.Anvil);
        await reporter.ReportMissedHeartbeatAsync([lease.LeaseId], CancellationToken.None);
        var report = (await ChainHistory.ReadAsync(cluster.Chain)).OfLease<LeaseReassigned>(lease.LeaseId).Single();
        await ChaosCluster.UntilAsync(() => Task.FromResult(cluster.Steps.Of(lease.LeaseId).Any(entry => entry.IsStep && entry.Epoch == 1)), $"{promoted.Name} runs the lease at epoch 1");

        var clock = Stopwatch.StartNew();
        var head = await ChainFaults.ReorgAsync(cluster.Chain.Anvil, snapshot, cluster.Faults);
        var reorgedAt = DateTimeOffset.UtcNow;
        var afterReorg = await cluster.LeaseAsync(lease);
        _output.WriteLine($"reverted to the snapshot before the report (block {report.BlockNumber}) and mined to {head}; the lease is at epoch {afterReorg.Epoch} on {afterReorg.Provider}");
        Assert.Empty((await ChainHistory.ReadAsync(cluster.Chain)).OfLease<LeaseReassigned>(lease.LeaseId));
        Assert.Equal((0U, active.Address), (afterReorg.Epoch, afterReorg.Provider!.ToLowerInvariant()));

        // The standby stops the epoch that vanished; the provider, awake again, keeps its lease and commits.
        await ChaosCluster.UntilAsync(async () => !(await RunningViewsAsync(cluster, lease)).Contains($"{promoted.Address}@1", StringComparison.Ordinal), $"{promoted.Name} stops epoch 1");
        var stopped = clock.Elapsed;
        active.Thaw();
        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);
        var now = await cluster.LeaseAsync(lease);
        Assert.Equal((LeaseState.Running, 0U, active.Address), (now.State, now.Epoch, now.Provider!.ToLowerInvariant()));
        await ChaosCluster.UntilAsync(async () => await RunningViewsAsync(cluster, lease) == $"{active.Address}@0", "exactly the canonical holder runs the lease, in every node's view");
        var lastOrphanStep = cluster.Steps.Of(lease.LeaseId).Where(entry => entry.IsStep && entry.Epoch == 1).Max(entry => entry.Time);
        _output.WriteLine($"{promoted.Name} stopped epoch 1 {stopped.TotalSeconds:F1} s after the reorg (its last step {(lastOrphanStep - reorgedAt).TotalSeconds:F1} s after it); {active.Name} kept the lease");

        await cluster.CheckAsync("11 reorg removes the report", "SIGSTOP of the active node; the report mined on a branch (evm_snapshot before it), then dropped (evm_revert, a longer branch mined); SIGCONT",
            injectedAt, expectedReassignments: 0);
    }

    /// <summary>True when a report of the lease would go through now (its provider's heartbeat is past the timeout).</summary>
    private static async Task<bool> ReportableAsync(DePinGpu.Protocol.Clients.MarketClient reporter, ScenarioLease lease)
    {
        try
        {
            await reporter.SimulateReportMissedHeartbeatAsync([lease.LeaseId], CancellationToken.None);
            return true;
        }
        catch (ContractRevertException)
        {
            return false;
        }
    }

    /// <summary>Which nodes say they run the lease, and at which epoch ("address@epoch", comma-separated).</summary>
    private static async Task<string> RunningViewsAsync(ChaosCluster cluster, ScenarioLease lease)
    {
        var id = lease.LeaseId.ToString(CultureInfo.InvariantCulture);
        var running = new List<string>();
        foreach (var node in cluster.Nodes.Where(node => node.IsAwake))
        {
            foreach (var view in (await node.Devnet.LeasesAsync()).EnumerateArray().Where(item => item.GetProperty("leaseId").GetString() == id && item.GetProperty("status").GetString() == "Running"))
            {
                running.Add($"{node.Address}@{view.GetProperty("epoch").GetInt64()}");
            }
        }

        return string.Join(',', running);
    }
}
