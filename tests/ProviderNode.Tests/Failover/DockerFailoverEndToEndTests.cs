using System.Globalization;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using Docker.DotNet.Models;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Failover;

/// <summary>
/// Automatic failover with the workload in Docker (real engine, three daemons): while the killed provider is silent on
/// gossip, standby 1 creates the hand-over's container without starting it; on the hand-over it starts that very
/// container, which resumes from the committed step and completes.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerFailoverEndToEndTests : IDisposable
{
    private readonly DockerEngineFixture _engine;
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public DockerFailoverEndToEndTests(DockerEngineFixture engine, ITestOutputHelper output)
    {
        _engine = engine;
        _output = output;
    }

    [SkippableFact]
    public async Task ActiveNodeKilled_StandbyStartsTheContainerItCreatedAhead_ResumingFromTheLastCommittedStep()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        var image = await _engine.ImageAsync("shell-loop");
        await using var scenario = await FailoverScenario.StartAsync(_directory, _output, docker: (_engine.Endpoint, image));
        var names = scenario.Nodes.Select(NodeName).ToArray();
        try
        {
            await scenario.OrderAsync();
            var standby = scenario.NodeOf(scenario.Standbys[0]);
            await scenario.CommitsAtEpochAsync(0, 2);

            await scenario.KillAsync(0);
            await KillContainersAsync(names[0]);
            Assert.Same(standby, await scenario.AssignedAtAsync(1));
            await scenario.CompletedAtAsync(1);

            var resumedStep = (await scenario.CommitsAsync(0))[^1].Step;
            scenario.AssertResumedFrom(standby, 1, resumedStep);
            var ran = Assert.Single(await ContainersAsync(names[scenario.IndexOf(standby)], scenario.LeaseId.ToString(CultureInfo.InvariantCulture), epoch: 1));
            Assert.Equal("true", ran.Labels.TryGetValue(DockerLabels.Prepared, out var prepared) ? prepared : "the container was not created ahead");
            Assert.Equal("exited", ran.State);
            await FailoverSettlement.AssertExactAsync(scenario);
        }
        finally
        {
            foreach (var name in names)
            {
                await _engine.RemoveContainersAsync(name);
            }
        }
    }

    public void Dispose() => _directory.Dispose();

    private static string NodeName(DevnetNode node) => JsonNode.Parse(File.ReadAllText(node.ConfigFile))!["Execution"]!["NodeName"]!.GetValue<string>();

    /// <summary>The dead machine's containers die with it.</summary>
    private async Task KillContainersAsync(string nodeName)
    {
        using var client = _engine.CreateClient();
        foreach (var container in await ContainersAsync(nodeName, null, null))
        {
            if (container.State == "running")
            {
                await client.Containers.KillContainerAsync(container.ID, new ContainerKillParameters { Signal = "SIGKILL" });
            }
        }
    }

    private async Task<IList<ContainerListResponse>> ContainersAsync(string nodeName, string? leaseId, ulong? epoch)
    {
        using var client = _engine.CreateClient();
        var labels = new Dictionary<string, bool> { [$"{DockerLabels.Node}={nodeName}"] = true };
        if (leaseId is not null)
        {
            labels[$"{DockerLabels.Lease}={leaseId}"] = true;
            labels[$"{DockerLabels.Epoch}={epoch!.Value.ToString(CultureInfo.InvariantCulture)}"] = true;
        }

        return await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
        });
    }
}
