using System.Globalization;
using DePinGpu.Chaos.Tests.Checking;
using DePinGpu.Chaos.Tests.Cluster;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace DePinGpu.Chaos.Tests.Scenarios;

/// <summary>Scenarios 2 and 8: a provider that stops and comes back, too late (a zombie) or in time (a restart).</summary>
[Collection(ChaosCollection.Name)]
public sealed class ZombieTests
{
    private readonly ChainFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ZombieTests(ChainFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Scenario02_ActiveFrozenPastTheTimeout_ThenThawed_StopsItsWorkload_AndNothingItSendsForTheOldEpochTakesEffect()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 2);

        var injectedAt = DateTimeOffset.UtcNow;
        lease.Active.Freeze();
        await ScenarioSteps.HandedOverAsync(cluster, lease, minimumEpoch: 1, lease.Holders[1]);
        lease.Active.Thaw();
        await ChaosCluster.UntilAsync(async () => await LeaseStatusAsync(lease.Active, lease) is "HandedOver" or "Closed", "the zombie learns of the hand-over and ends its run");
        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);

        var history = await ChainHistory.ReadAsync(cluster.Chain);
        var handOver = history.OfLease<LeaseReassigned>(lease.LeaseId).First();
        Assert.DoesNotContain(history.OfLease<CheckpointCommitted>(lease.LeaseId), commit => commit.Epoch == 0 && ChainHistory.Precedes(handOver, commit));
        await cluster.CheckAsync("2 SIGSTOP zombie", "SIGSTOP of the active node and its workload past the timeout, then SIGCONT", injectedAt, expectedReassignments: 1);
    }

    [Fact]
    public async Task Scenario08_NodeRestartedWithinTheTimeout_ReattachesAndNothingIsReassigned()
    {
        // A daemon takes 5-15 s to start again on a loaded 2-core machine, longer than the shared chain's 6 s timeout:
        // this scenario gets a chain of its own whose timeout a restart fits in, as a real deployment's does.
        await using var chain = await ProtocolChain.StartAsync(parameters => parameters with { HeartbeatTimeout = 60 });
        await using var cluster = await ChaosCluster.StartAsync(chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 1);

        var injectedAt = DateTimeOffset.UtcNow;
        await lease.Active.KillDaemonAsync();
        await lease.Active.StartAsync();
        _output.WriteLine($"daemon back after {(DateTimeOffset.UtcNow - injectedAt).TotalSeconds:F1} s");
        await ChaosCluster.UntilAsync(async () => await LeaseStatusAsync(lease.Active, lease) == "Running", "the restarted node runs the lease again");
        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);

        Assert.Equal(0u, (await cluster.LeaseAsync(lease)).Epoch);
        await cluster.CheckAsync("8 restart within the timeout", "kill -9 of the active daemon (workload left running), restarted at once", injectedAt, expectedReassignments: 0);
    }

    private static async Task<string?> LeaseStatusAsync(ChaosNode node, ScenarioLease lease)
    {
        var id = lease.LeaseId.ToString(CultureInfo.InvariantCulture);
        return (await node.Devnet.LeasesAsync()).EnumerateArray()
            .Where(item => item.GetProperty("leaseId").GetString() == id && item.GetProperty("epoch").GetInt64() == 0)
            .Select(item => item.GetProperty("status").GetString()).FirstOrDefault();
    }
}
