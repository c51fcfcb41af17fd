using System.Globalization;
using DePinGpu.Chaos.Tests.Checking;
using DePinGpu.Chaos.Tests.Cluster;
using DePinGpu.Chaos.Tests.Faults;
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

    // Not a daemon result: in the run of 2026-12-03 the fault tool itself did not reorg. After anvil_reorg(3, []) the
    // report's block 74 kept its hash and the LeaseReassigned event was still there ("reorged 3 blocks from 74; the
    // lease is now at epoch 1", then the DoesNotContain below failed). The scenario needs a reorg that really drops the
    // report (evm_snapshot before the freeze and evm_revert after the report, or anvil_reorg with the right arguments
    // for this anvil), which was not done in time.
    [Fact(Skip = "Harness not done: anvil_reorg as called left the report's block in place (same hash), so the scenario never tested the nodes; see the comment above.")]
    public async Task Scenario11_AReorgRemovesTheReportThatReassignedALease_EveryNodeFollowsTheCanonicalChain_OneHolderInTheEnd()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 2);

        // Freeze the active node so a verifier reports it; as soon as the report is mined, replace it and every later block.
        var injectedAt = DateTimeOffset.UtcNow;
        lease.Active.Freeze();
        await ChaosCluster.UntilAsync(async () => (await cluster.LeaseAsync(lease)).Epoch >= 1, "the frozen node is reported");
        var report = (await ChainHistory.ReadAsync(cluster.Chain)).OfLease<LeaseReassigned>(lease.LeaseId).Single();
        var head = await ChainFaults.HeadAsync(cluster.Chain.Anvil);
        await ChainFaults.ReorgAsync(cluster.Chain.Anvil, head - report.BlockNumber + 1, cluster.Faults);
        _output.WriteLine($"reorged {head - report.BlockNumber + 1} blocks from {report.BlockNumber}; the lease is now at epoch {(await cluster.LeaseAsync(lease)).Epoch}");
        Assert.DoesNotContain((await ChainHistory.ReadAsync(cluster.Chain)).OfLease<LeaseReassigned>(lease.LeaseId), moved => moved.BlockHash == report.BlockHash);

        // The node is still frozen on the canonical chain too: it is reported again there (or, thawed first, keeps its lease).
        lease.Active.Thaw();
        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);
        var now = await cluster.LeaseAsync(lease);
        Assert.Equal(LeaseState.Running, now.State);
        await ChaosCluster.UntilAsync(async () => await RunningViewsAsync(cluster, lease) == $"{now.Provider!.ToLowerInvariant()}@{now.Epoch}", "exactly the canonical holder runs the lease, in every node's view");

        var reassignments = (await ChainHistory.ReadAsync(cluster.Chain)).OfLease<LeaseReassigned>(lease.LeaseId).Count;
        Assert.InRange(reassignments, 0, 1);
        await cluster.CheckAsync("11 reorg removes the report", "SIGSTOP of the active node; anvil_reorg of every block from the report on; SIGCONT", injectedAt, expectedReassignments: reassignments);
    }

    /// <summary>Which nodes say they run the lease, and at which epoch ("address@epoch", comma-separated).</summary>
    private static async Task<string> RunningViewsAsync(ChaosCluster cluster, ScenarioLease lease)
    {
        var id = lease.LeaseId.ToString(CultureInfo.InvariantCulture);
        var running = new List<string>();
        foreach (var node in cluster.Nodes)
        {
            foreach (var view in (await node.Devnet.LeasesAsync()).EnumerateArray().Where(item => item.GetProperty("leaseId").GetString() == id && item.GetProperty("status").GetString() == "Running"))
            {
                running.Add($"{node.Address}@{view.GetProperty("epoch").GetInt64()}");
            }
        }

        return string.Join(',', running);
    }
}
