using DePinGpu.Chaos.Tests.Cluster;
using Xunit.Abstractions;

namespace DePinGpu.Chaos.Tests.Scenarios;

/// <summary>Scenarios 1, 6 and 7: providers' machines die (kill -9 of the daemon and its workloads).</summary>
[Collection(ChaosCollection.Name)]
public sealed class CrashTests
{
    private readonly ChainFixture _fixture;
    private readonly ITestOutputHelper _output;

    public CrashTests(ChainFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Scenario01_ActiveProviderKilled_StandbyResumesFromTheCommittedCheckpoint()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 2);

        var injectedAt = DateTimeOffset.UtcNow;
        await lease.Active.KillAsync();
        await ScenarioSteps.HandedOverAsync(cluster, lease, minimumEpoch: 1, lease.Holders[1]);

        await cluster.CheckAsync("1 kill -9 of the active provider", "kill -9 of the active node and its workload", injectedAt, expectedReassignments: 1);
    }

    [Fact]
    public async Task Scenario06_FirstStandbyDeadWhenTheActiveDies_TheSecondStandbyTakesOver()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 2, replicas: 2);

        await lease.Holders[1].KillAsync();
        await ChaosCluster.UntilAsync(async () => !await cluster.Chain.Connection.Registry().IsLiveAsync(lease.Holders[1].Address, CancellationToken.None), "the first standby's heartbeats time out");
        var injectedAt = DateTimeOffset.UtcNow;
        await lease.Active.KillAsync();
        var epoch = await ScenarioSteps.HandedOverAsync(cluster, lease, minimumEpoch: 1, lease.Holders[2]);

        // Epoch 2 when the chain first promoted the dead standby (then reported it in turn).
        await cluster.CheckAsync("6 first standby already dead", "kill -9 of the first standby, then of the active node", injectedAt, expectedReassignments: (int)epoch);
    }

    [Fact]
    public async Task Scenario07_ActiveAndFirstStandbyDieTogether_TheSecondStandbyTakesOver()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 2, replicas: 2);

        var injectedAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(lease.Active.KillAsync(), lease.Holders[1].KillAsync());
        var epoch = await ScenarioSteps.HandedOverAsync(cluster, lease, minimumEpoch: 1, lease.Holders[2]);

        // The first standby may have been promoted to epoch 1 and reported in turn (epoch 2) before the second took over.
        await cluster.CheckAsync("7 active + first standby together", "kill -9 of the active node and the first standby at once", injectedAt, expectedReassignments: (int)epoch);
    }
}
