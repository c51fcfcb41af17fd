using DePinGpu.Chaos.Tests.Checking;
using DePinGpu.Chaos.Tests.Cluster;
using DePinGpu.Chaos.Tests.Faults;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Events.Market;
using Xunit.Abstractions;

namespace DePinGpu.Chaos.Tests.Scenarios;

/// <summary>Scenarios 3 and 9: who reports a silent provider, and what the provider does when it learns it was reported.</summary>
[Collection(ChaosCollection.Name)]
public sealed class ReporterTests
{
    private readonly ChainFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ReporterTests(ChainFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Scenario03_ActiveLosesTheRpcPastTheTimeout_IsReassigned_AndKillsItsWorkloadOnReconnecting()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 2);

        var injectedAt = DateTimeOffset.UtcNow;
        await lease.Active.CutRpcAsync();
        await ScenarioSteps.HandedOverAsync(cluster, lease, minimumEpoch: 1, lease.Holders[1]);
        lease.Active.RestoreRpc();
        var moved = $"Lease {lease.LeaseId} moved away from epoch 0: its workload was killed";
        await ChaosCluster.UntilAsync(() => Task.FromResult(lease.Active.ErrorTail.Contains(moved, StringComparison.Ordinal)), "the reconnected node kills its workload");
        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);

        await cluster.CheckAsync("3 long RPC loss", "the active node's RPC proxy closed past the timeout (spec onChainLoss keep), then opened", injectedAt, expectedReassignments: 1);
    }

    [Fact]
    public async Task Scenario09_TheDedicatedVerifierIsDown_AnotherNodesVerifierRoleReports()
    {
        // Only the second standby runs the verifier role among the nodes; a dedicated `depin-node verify` would report first.
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output, verifier: index => index == 2);
        var files = await DevnetNode.CreateAsync(cluster.Chain, Path.Combine(cluster.Directory, "verifier"), "verifier", pricePerGpuSecond: 1000);
        var verifier = NodeCommandLine.Start("verify", "--config", files.ConfigFile);
        await using (verifier)
        {
            await ChaosCluster.UntilAsync(() => Task.FromResult(verifier.ErrorTail.Contains("Verifier started", StringComparison.Ordinal)), "the dedicated verifier watches the chain");
            var lease = await cluster.RunLeaseAsync(standbys: 2);
            ProcessTree.Signal(verifier.Id, "KILL");

            var injectedAt = DateTimeOffset.UtcNow;
            await lease.Active.KillAsync();
            await ScenarioSteps.HandedOverAsync(cluster, lease, minimumEpoch: 1, lease.Holders[1]);

            var report = (await ChainHistory.ReadAsync(cluster.Chain)).OfLease<FaultReported>(lease.LeaseId).Single();
            Assert.Equal(cluster.Nodes[2].Devnet.Operator.Address, report.Reporter, StringComparer.OrdinalIgnoreCase);
            await cluster.CheckAsync("9 verifier down", "kill -9 of the dedicated verifier, then of the active node", injectedAt, expectedReassignments: 1);
        }
    }
}
