using DePinGpu.Chaos.Tests.Cluster;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Model;
using Xunit.Abstractions;

namespace DePinGpu.Chaos.Tests.Scenarios;

/// <summary>
/// Scenarios 13 and 14: the workloads run in Docker containers (the engine that answers, else a dockerd the
/// <see cref="DockerEngineFixture"/> starts; the stepping workload runs in depingpu/shell-loop). Where no engine can
/// run, both are skipped and say why.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ContainerTests : IClassFixture<DockerEngineFixture>
{
    private readonly ChainFixture _fixture;
    private readonly DockerEngineFixture _engine;
    private readonly ITestOutputHelper _output;

    public ContainerTests(ChainFixture fixture, DockerEngineFixture engine, ITestOutputHelper output)
    {
        _fixture = fixture;
        _engine = engine;
        _output = output;
    }

    [SkippableFact]
    public async Task Scenario13_ContainerKilledBehindTheNodesBack_TheNodeRestartsItInPlaceFromTheCommittedCheckpoint()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output, count: 2, docker: await DockerAsync());
        var lease = await cluster.RunLeaseAsync(standbys: 1);
        var committed = (await cluster.LeaseAsync(lease)).CheckpointStep;

        var injectedAt = DateTimeOffset.UtcNow;
        await lease.Active.KillContainerAsync(lease.LeaseId);
        await ChaosCluster.UntilAsync(
            () => Task.FromResult(cluster.Steps.Of(lease.LeaseId).Any(entry => entry.IsStep && entry.Epoch == 0 && entry.Restart == 1)),
            "the node restarts the killed container in place (run 1 of epoch 0 makes a step)");
        await ScenarioSteps.KeepsProgressingAsync(cluster, lease);

        var now = await cluster.LeaseAsync(lease);
        Assert.Equal((LeaseState.Running, 0u, lease.Active.Address), (now.State, now.Epoch, now.Provider!.ToLowerInvariant()));
        var resume = Assert.Single(cluster.Steps.Of(lease.LeaseId), entry => entry.Kind == "resume" && entry.Restart == 1);
        Assert.True(resume.Step >= committed, $"run 1 resumed from step {resume.Step}, before the step {committed} committed when its container was killed");
        var runs = (await lease.Active.ContainersAsync(lease.LeaseId)).Select(container => container.Labels[DockerLabels.RestartCount]).Order();
        Assert.Equal(["1"], runs); // the killed run's container was removed, the new one runs
        await cluster.CheckAsync("13 container killed behind the node's back", "docker kill (SIGKILL) of the active provider's container; the node runs on", injectedAt, expectedReassignments: 0);
    }

    [SkippableFact]
    public async Task Scenario14_ActiveProviderAndItsContainerKilled_StandbyStartsItsPreparedContainerFromTheCommittedCheckpoint()
    {
        await using var cluster = await ChaosCluster.StartAsync(_fixture.Chain, _output, docker: await DockerAsync());
        var lease = await cluster.RunLeaseAsync(standbys: 2);

        var injectedAt = DateTimeOffset.UtcNow;
        await lease.Active.KillAsync();
        var epoch = await ScenarioSteps.HandedOverAsync(cluster, lease, minimumEpoch: 1, lease.Holders[1]);

        var ran = Assert.Single(await lease.Holders[1].ContainersAsync(lease.LeaseId), container => container.Labels[DockerLabels.Epoch] == epoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("true", ran.Labels.TryGetValue(DockerLabels.Prepared, out var prepared) ? prepared : "the container was not created ahead");
        await cluster.CheckAsync("14 kill -9 of the active provider (Docker)", "kill -9 of the active node and of its container", injectedAt, expectedReassignments: 1);
    }

    private async Task<ChaosDocker> DockerAsync()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        return new ChaosDocker(_engine.Endpoint, await _engine.ImageAsync("shell-loop"));
    }
}
