using DePinGpu.Chaos.Tests.Cluster;
using Xunit.Abstractions;

namespace DePinGpu.Chaos.Tests.Scenarios;

/// <summary>Scenarios 4 and 5: links break but the provider stays live on-chain; nothing may be reassigned.</summary>
[Collection(ChaosCollection.Name)]
public sealed class NetworkTests
{
    private readonly ChainFixture _fixture;
    private readonly ITestOutputHelper _output;

    public NetworkTests(ChainFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Scenario04_ActiveLosesTheRpcForLessThanTheTimeout_NothingIsReassigned_AndTheWorkloadNeverStops()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 1, onChainLoss: "stop");

        var injectedAt = DateTimeOffset.UtcNow;
        await lease.Active.CutRpcAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the fault's length (a third of the 6 s timeout), not a wait for an event
        lease.Active.RestoreRpc();
        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);
        await PastATimeoutAsync(cluster);

        Assert.DoesNotContain(cluster.Steps.Of(lease.LeaseId), entry => entry.Kind == "start" && entry.Time > injectedAt);
        await cluster.CheckAsync("4 short RPC loss", "the active node's RPC proxy closed for 2 s (timeout 6 s), spec onChainLoss stop", injectedAt, expectedReassignments: 0);
    }

    [Fact]
    public async Task Scenario05_GossipCutBetweenAllNodesWhileTheChainWorks_NothingIsReassigned()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output);
        var lease = await cluster.RunLeaseAsync(standbys: 2);

        var injectedAt = DateTimeOffset.UtcNow;
        foreach (var node in cluster.Nodes)
        {
            await node.CutGossipAsync();
        }

        // Three times the verifiers' gossip silence (5 s): they read the chain, which says the provider is live.
        var lastStep = cluster.Steps.LastStep(lease.LeaseId);
        await ChaosCluster.UntilAsync(() => Task.FromResult(cluster.Steps.LastStep(lease.LeaseId) >= lastStep + 60), "15 s of steps with gossip cut");
        foreach (var node in cluster.Nodes)
        {
            node.RestoreGossip();
        }

        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);
        Assert.DoesNotContain(cluster.Steps.Of(lease.LeaseId), entry => entry.Kind == "start" && entry.Time > injectedAt);
        await cluster.CheckAsync("5 gossip cut, chain fine", "every node's libp2p proxy closed for ~15 s", injectedAt, expectedReassignments: 0);
    }

    /// <summary>Waits until a whole heartbeat timeout passed on the chain's clock, so a false report would have happened by now.</summary>
    private static async Task PastATimeoutAsync(ChaosCluster cluster)
    {
        var timeout = (await cluster.Chain.Connection.Registry().GetParametersAsync(CancellationToken.None)).HeartbeatTimeout;
        var from = await cluster.Chain.Anvil.NowAsync();
        await ChaosCluster.UntilAsync(async () => await cluster.Chain.Anvil.NowAsync() > from + (ulong)timeout.TotalSeconds + 1, "a heartbeat timeout passes on the chain");
    }
}
