using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Api;

/// <summary>
/// Level 4 with containers: a Stateless order of three replicas of the <c>samples/echo-service</c> image (Docker
/// runtime, scripts/images/build.sh) and one standby, served through the tenant's <c>depin gateway</c> (a real process).
/// Under a closed-loop load one replica's node is killed with SIGKILL and its container with it: no client request
/// fails, the lease is handed to the standby, whose container takes traffic once healthy; a lease closed by the tenant
/// then leaves the gateway and gets no more requests.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerServiceGatewayEndToEndTests : IAsyncLifetime
{
    private readonly DockerEngineFixture _engine;
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public DockerServiceGatewayEndToEndTests(DockerEngineFixture engine, ITestOutputHelper output)
    {
        _engine = engine;
        _output = output;
    }

    [SkippableFact]
    public async Task DockerReplicasNodeAndContainerKilledUnderLoad_NoRequestFails_TheStandbysContainerTakesTraffic_AndAClosedLeaseGetsNone()
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        var image = await _engine.ImageAsync("echo-service");
        await using var chain = await ProtocolChain.StartAsync();
        var nodes = new List<DevnetNode>();
        for (var index = 0; index < 4; index++)
        {
            // Three replicas at 1000–1200, the standby dearest.
            nodes.Add(await DevnetNode.CreateAsync(chain, _directory.Combine($"node{index}"), NodeName(index), index == 3 ? 2000 : 1000 + (index * 100), _engine.Endpoint));
        }

        await HappyPathScenario.RegisterAsync(chain, [.. nodes]);
        var processes = new List<ExternalProcess?>();
        GatewayProcess? gateway = null;
        try
        {
            foreach (var node in nodes)
            {
                processes.Add(await node.RunAsync(DevnetTenant.Patience));
            }

            var tenant = await chain.FundedKeyAsync();
            var market = chain.Market(tenant);
            var orderId = await OrderAsync(market, Spec(image), nodes);
            gateway = await GatewayProcess.StartAsync(chain, tenant, orderId, nodes.Select(node => node.Api), _directory.Combine("gateway"));
            await RunScenarioAsync(market, orderId, gateway, nodes, processes);
        }
        finally
        {
            _output.WriteLine($"gateway:\n{gateway?.ErrorTail}");
            for (var index = 0; index < processes.Count; index++)
            {
                _output.WriteLine($"node{index}:\n{processes[index]?.ErrorTail ?? "(killed)"}\n");
                await (processes[index]?.DisposeAsync() ?? ValueTask.CompletedTask);
            }

            await (gateway?.DisposeAsync() ?? ValueTask.CompletedTask);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var index = 0; index < 4; index++)
        {
            await _engine.RemoveContainersAsync(NodeName(index));
        }

        _directory.Dispose();
    }

    private async Task RunScenarioAsync(MarketClient market, BigInteger orderId, GatewayProcess gateway, List<DevnetNode> nodes, List<ExternalProcess?> processes)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await DevnetTenant.Until(async () => (await gateway.ReplicasAsync(http)).Count(replica => replica.Value) == 3, "the gateway admits three replicas");
        await using var load = ReplicaTrafficLoad.Start(gateway.Address, workers: 4);
        await DevnetTenant.Until(() => Task.FromResult(load.Answers.Count == 3 && load.Succeeded > 200), "load flows to every replica");

        var leases = await market.GetOrderLeasesAsync(orderId, CancellationToken.None);
        var victim = leases.First(lease => string.Equals(lease.Provider, nodes[0].Owner.Address, StringComparison.OrdinalIgnoreCase));
        // SIGKILL of the node's process tree, then of its container (the engine's, not the node's child): a dead machine.
        await processes[0]!.DisposeAsync();
        processes[0] = null;
        await _engine.RemoveContainersAsync(NodeName(0));
        _output.WriteLine($"killed node0 and its container, serving lease {victim.LeaseId}, after {load.Succeeded} requests");

        await DevnetTenant.Until(async () => (await market.GetLeaseAsync(victim.LeaseId, CancellationToken.None))!.Epoch == 1, "the lease is handed to the standby");
        var replacement = $"{victim.LeaseId}/1";
        await DevnetTenant.Until(() => Task.FromResult(load.AnswersOf(replacement) > 20), "the standby's container takes traffic");
        Assert.True(load.Failures.IsEmpty, string.Join('\n', load.Failures));

        // A clean close: the closed lease's replica leaves the gateway and gets nothing more.
        var closed = leases.First(lease => lease.LeaseId != victim.LeaseId);
        var closedKey = $"{closed.LeaseId}/{closed.Epoch}";
        await market.CloseLeaseAsync(closed.LeaseId, CancellationToken.None);
        await DevnetTenant.Until(async () => !(await gateway.ReplicasAsync(http)).ContainsKey(closedKey), "the gateway drops the closed lease");
        // Answers are counted when they arrive: a request the gateway sent before it dropped the replica may still be
        // answered. Once 50 more requests have been answered, nothing sent before the drop is still in flight.
        var settled = load.Succeeded + 50;
        await DevnetTenant.Until(() => Task.FromResult(load.Succeeded > settled), "requests in flight at the drop are answered");
        var afterClose = load.AnswersOf(closedKey);
        var target = load.Succeeded + 200;
        await DevnetTenant.Until(() => Task.FromResult(load.Succeeded > target), "load flows after the close");
        await load.StopAsync();

        Assert.Equal(afterClose, load.AnswersOf(closedKey));
        Assert.True(load.Failures.IsEmpty, string.Join('\n', load.Failures));
        Assert.Equal(0, await gateway.CounterAsync(http, "depin_gateway_requests_failed_total"));
        _output.WriteLine($"answers per replica: {string.Join(", ", load.Answers.Select(pair => $"{pair.Key}={pair.Value}"))}; retries {await gateway.CounterAsync(http, "depin_gateway_retries_total")}");
    }

    private static async Task<BigInteger> OrderAsync(MarketClient market, byte[] spec, List<DevnetNode> nodes)
    {
        var maxPrice = new BigInteger(5000);
        var orderId = await market.CreateOrderAsync(
            new OrderRequest(Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateless, "RTX4090", 0, 1, 3, 1, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600 * 3),
            CancellationToken.None);
        foreach (var node in nodes)
        {
            await DevnetTenant.UploadAsync(node.Api, spec);
        }

        await DevnetTenant.Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 4, "all four nodes offer");
        await market.FinalizeOrderAsync(orderId, CancellationToken.None);
        await DevnetTenant.Until(async () => (await market.GetOrderLeasesAsync(orderId, CancellationToken.None)).Count(lease => lease.State == LeaseState.Running) == 3, "three replicas run");
        return orderId;
    }

    private string NodeName(int index) => string.Create(CultureInfo.InvariantCulture, $"gw{index}-{_suffix}");

    private static byte[] Spec(string image) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "docker",
        ["image"] = image,
        // No GPU in the spec: a GPU device request cannot start on this machine's engine (no NVIDIA runtime).
        ["resources"] = new JsonObject { ["cpus"] = 0.5, ["memoryMiB"] = 128 },
        ["service"] = new JsonObject { ["port"] = 8080, ["healthPath"] = "/health", ["idempotent"] = true },
    }.ToJsonString());
}
