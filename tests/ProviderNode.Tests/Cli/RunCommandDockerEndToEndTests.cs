using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using Docker.DotNet.Models;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Cli;

/// <summary>
/// The provider's whole path with the Docker runtime and the <c>shell-loop</c> sample image (built by
/// scripts/images/build.sh), and a node killed with SIGKILL while its container runs.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class RunCommandDockerEndToEndTests : IAsyncLifetime
{
    private readonly DockerEngineFixture _engine;
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public RunCommandDockerEndToEndTests(DockerEngineFixture engine, ITestOutputHelper output)
    {
        _engine = engine;
        _output = output;
    }

    [SkippableFact]
    public async Task TwoNodesBid_WinnerRunsDockerWorkload_CommitsThreeCheckpoints_CompletesAndWithdrawsWhatIsOwed()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        var image = await _engine.ImageAsync("shell-loop");
        await using var chain = await ProtocolChain.StartAsync();
        var cheap = await DevnetNode.CreateAsync(chain, _directory.Combine("cheap"), "cheap-" + _suffix, pricePerGpuSecond: 1000, _engine.Endpoint);
        var dear = await DevnetNode.CreateAsync(chain, _directory.Combine("dear"), "dear-" + _suffix, pricePerGpuSecond: 2000, _engine.Endpoint);
        await HappyPathScenario.RegisterAsync(chain, cheap, dear);
        await using var cheapProcess = await cheap.RunAsync(DevnetTenant.Patience);
        await using var dearProcess = await dear.RunAsync(DevnetTenant.Patience);
        try
        {
            var leaseId = await HappyPathScenario.FinalizeAsync(chain, Spec(image, steps: 3, stepSeconds: 0.5), cheap, dear);
            await HappyPathScenario.CompletesAndPaysAsync(chain, leaseId, cheap, _directory.Path);
        }
        finally
        {
            _output.WriteLine("cheap node:\n" + cheapProcess.ErrorTail + "\n\ndear node:\n" + dearProcess.ErrorTail);
        }
    }

    [SkippableFact]
    public async Task KilledNode_Restarted_ReattachesToItsContainer_KeepsHeartbeating_AndTheLeaseIsNeverReported()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        var image = await _engine.ImageAsync("shell-loop");
        await using var chain = await ProtocolChain.StartAsync();
        var nodeName = "restarted-" + _suffix;
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), nodeName, pricePerGpuSecond: 1000, _engine.Endpoint);
        await HappyPathScenario.RegisterAsync(chain, node);
        var market = chain.Market(await chain.FundedKeyAsync());
        var first = await node.RunAsync(DevnetTenant.Patience);
        var orderId = await DevnetTenant.OrderAsync(market, Spec(image, steps: 100_000, stepSeconds: 0.2), OrderKind.Stateful, 0, node);
        await DevnetTenant.Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, "the node offers");
        var leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
        await DevnetTenant.Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Running, "the lease runs");
        await DevnetTenant.Until(async () => (await node.LeasesAsync()).EnumerateArray().Any(lease => lease.GetProperty("status").GetString() == "Running"), "the container runs");
        var container = Assert.Single(await ContainersAsync(nodeName));
        var epoch = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.Epoch;

        await first.DisposeAsync(); // SIGKILL to the whole process tree: the container is the engine's, it keeps running
        var heartbeatBefore = (await chain.Connection.Registry().GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat;
        await using var second = await node.RunAsync(DevnetTenant.Patience);
        try
        {
            await DevnetTenant.Until(async () => (await chain.Connection.Registry().GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat > heartbeatBefore,
                "the restarted node heartbeats");
            await DevnetTenant.Until(async () => (await node.LeasesAsync()).EnumerateArray().Any(lease => lease.GetProperty("status").GetString() == "Running"), "the lease runs again");
            var now = Assert.Single(await ContainersAsync(nodeName));
            Assert.Equal(container.ID, now.ID);
            Assert.Equal("running", now.State);
            var lease = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!;
            Assert.Equal(LeaseState.Running, lease.State);
            Assert.Equal(epoch, lease.Epoch);
            Assert.DoesNotContain(await DevnetTenant.MarketEventsAsync(chain), chainEvent => chainEvent is FaultReported or LeaseReassigned);
        }
        finally
        {
            _output.WriteLine("restarted node:\n" + second.ErrorTail);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var name in new[] { "cheap-", "dear-", "restarted-" })
        {
            await _engine.RemoveContainersAsync(name + _suffix);
        }

        _directory.Dispose();
    }

    private async Task<IList<ContainerListResponse>> ContainersAsync(string nodeName)
    {
        using var client = _engine.CreateClient();
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Node}={nodeName}"] = true } };
        return await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter });
    }

    private static byte[] Spec(string image, int steps, double stepSeconds) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "docker",
        ["image"] = image,
        ["resources"] = new JsonObject { ["cpus"] = 0.5, ["memoryMiB"] = 64 },
        // No standby pin is required before a commit: these two nodes are not peers, so no gossip carries a standby's
        // announcement (replication between daemons is tested in tests/ProviderNode.Tests/Replication and Gossip).
        ["checkpoint"] = new JsonObject { ["replicas"] = 0 },
        ["env"] = new JsonObject
        {
            ["LOOP_STEPS"] = steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LOOP_CHECKPOINT_EVERY"] = steps > 3 ? "100000" : "1",
            ["LOOP_STEP_SECONDS"] = stepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    }.ToJsonString());
}
