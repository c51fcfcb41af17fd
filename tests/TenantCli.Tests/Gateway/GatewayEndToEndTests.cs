using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// The gateway against real processes: anvil with the contracts, four <c>depin-node</c> daemons (Process runtime,
/// verifier on), a Stateless order with three replicas of <c>samples/echo-service</c> and one standby. A closed-loop load
/// runs through the gateway while one replica's node is killed (SIGKILL, its workload with it): no client request fails,
/// the lease is handed to the standby at epoch 1 and the replacement takes traffic; then a lease is closed cleanly and
/// the gateway stops sending to it. Bad input is refused before anything starts.
/// </summary>
public sealed class GatewayEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-gateway-e2e-" + Guid.NewGuid().ToString("N"));
    private DevnetChain _chain = null!;

    public GatewayEndToEndTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _chain = await DevnetChain.StartAsync();

    public async Task DisposeAsync()
    {
        await _chain.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Gateway_BadInput_IsRefusedBeforeAnythingStarts()
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        using var stranger = await TenantSession.CreateAsync(_chain, fund: false);
        var stateful = await CreateOrderAsync(tenant, TenantSession.Spec, replicas: 1, standbys: 1, upload: []);
        var service = await CreateOrderAsync(tenant, EchoSpec(), replicas: 1, standbys: 0, upload: []);

        var unknown = await tenant.Cli.RunAsync("gateway --order 999");
        var notStateless = await tenant.Cli.RunAsync($"gateway --order {stateful}");
        var notTenant = await stranger.Cli.RunAsync($"gateway --order {service}");

        Assert.True(unknown.ExitCode == 6, unknown.ToString());
        Assert.True(notStateless.ExitCode == 2 && notStateless.Error.Contains("only Stateless", StringComparison.Ordinal), notStateless.ToString());
        Assert.True(notTenant.ExitCode == 1 && notTenant.Error.Contains("only its tenant", StringComparison.Ordinal), notTenant.ToString());
    }

    [Fact]
    public async Task Gateway_ReplicasNodeKilledUnderLoad_NoRequestFails_TheHandedOverReplicaTakesTraffic_AndAClosedLeaseGetsNone()
    {
        var nodes = new List<ProviderNodeProcess>();
        for (var index = 0; index < 4; index++)
        {
            // Three replicas at 1000–1200, the standby dearest.
            nodes.Add(await ProviderNodeProcess.RegisterAsync(_chain, Path.Combine(_directory, $"node{index}"), $"node{index}", index == 3 ? 2000 : 1000 + (index * 100)));
        }

        var processes = new List<ExternalProcess?>();
        try
        {
            foreach (var node in nodes)
            {
                processes.Add(await node.RunAsync(Patience));
            }

            await RunScenarioAsync(nodes, processes);
        }
        finally
        {
            foreach (var process in processes.OfType<ExternalProcess>())
            {
                _output.WriteLine($"node:\n{process.ErrorTail}\n");
                await process.DisposeAsync();
            }
        }
    }

    private async Task RunScenarioAsync(List<ProviderNodeProcess> nodes, List<ExternalProcess?> processes)
    {
        using var tenant = await TenantSession.CreateAsync(_chain);
        var orderId = await CreateOrderAsync(tenant, EchoSpec(), replicas: 3, standbys: 1, upload: nodes.Select(node => node.Api).ToArray());
        var market = _chain.Connection.Market();
        await Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 4, "all four nodes offer");
        await tenant.JsonAsync($"order finalize {orderId} --yes");
        await Until(async () => (await market.GetOrderLeasesAsync(orderId, CancellationToken.None)).Count(lease => lease.State == LeaseState.Running) == 3, "three replicas run");

        var key = KeystoreFile.Decrypt(await File.ReadAllTextAsync(Path.Combine(tenant.Cli.Home, "wallets", "tenant.json")), "correct horse");
        using var directory = new ProviderDirectory(_chain.Connection.Registry(), nodes.Select(node => node.Api).ToArray());
        using var nodeClient = new NodeServiceClient(key, _chain.Connection.Deployment.ChainId);
        await using var gateway = await GatewayUnderTest.StartAsync(market, directory, nodeClient, orderId);
        await Until(() => Task.FromResult(gateway.Parts.Replicas.All.Count(replica => replica.Available) == 3), "the gateway admits three replicas");

        await using var load = ClosedLoopLoad.Start(gateway.Address, workers: 4);
        await Until(() => Task.FromResult(load.Succeeded > 200), "load flows");
        var victim = gateway.Parts.Replicas.All.First();
        var victimNode = nodes.FindIndex(node => string.Equals(node.Owner.Address, victim.Address.Provider, StringComparison.OrdinalIgnoreCase));
        // SIGKILL of the node's process tree: the node and its workload die at once, as on a dead machine.
        await processes[victimNode]!.DisposeAsync();
        processes[victimNode] = null;
        _output.WriteLine($"killed node{victimNode} serving lease {victim.Address.LeaseId} after {load.Succeeded} requests");

        await Until(async () => (await market.GetLeaseAsync(victim.Address.LeaseId, CancellationToken.None))!.Epoch == 1, "the lease is handed to the standby");
        await Until(() => Task.FromResult(gateway.Parts.Replicas.All.Any(replica => replica.Address.LeaseId == victim.Address.LeaseId && replica.Address.Epoch == 1 && replica.Requests > 20)),
            "the replacement takes traffic");
        Assert.True(load.Failed == 0, string.Join('\n', load.Failures));

        // A clean close: the closed lease's replica leaves the gateway and gets nothing more.
        var closed = gateway.Parts.Replicas.All.First(replica => replica.Address.LeaseId != victim.Address.LeaseId);
        await tenant.JsonAsync($"lease close {closed.Address.LeaseId} --yes");
        await Until(() => Task.FromResult(!gateway.Parts.Replicas.Contains(closed)), "the gateway drops the closed lease");
        var afterClose = closed.Requests;
        var target = load.Succeeded + 200;
        await Until(() => Task.FromResult(load.Succeeded > target), "load flows after the close");
        await load.StopAsync();

        Assert.Equal(afterClose, closed.Requests);
        Assert.True(load.Failed == 0, string.Join('\n', load.Failures));
        _output.WriteLine($"requests {load.Succeeded}, retries {gateway.Parts.Metrics.Retries}, events:\n{string.Join('\n', gateway.Parts.Events.Recent(40))}");
    }

    private static async Task<BigInteger> CreateOrderAsync(TenantSession tenant, string spec, int replicas, int standbys, Uri[] upload)
    {
        var gateways = string.Concat(upload.Select(api => $" --gateway {api}"));
        var created = await tenant.JsonAsync($"order create {tenant.WriteSpec(spec)} --max-price {5000 * 3600}wei --duration 1h --gpu RTX4090 --replicas {replicas} --standbys {standbys} --bid-window 120s"
            + (upload.Length == 0 ? " --no-upload" : gateways));
        return BigInteger.Parse(created.GetProperty("orderId").GetString()!, CultureInfo.InvariantCulture);
    }

    private static string EchoSpec() => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/usr/bin/python3", Path.Combine(RepositoryPaths.Root, "samples", "echo-service", "server.py")),
        ["resources"] = new JsonObject { ["gpus"] = 1 },
        ["service"] = new JsonObject { ["port"] = 8080, ["healthPath"] = "/health", ["idempotent"] = true },
    }.ToJsonString();

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(200);
        }
    }
}
