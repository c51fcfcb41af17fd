using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
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
/// of 10,000 requests (and event streams) runs through the gateway while one replica's node is killed a third of the
/// way in (SIGKILL, its workload with it): no client request or stream fails, the lease is handed to the standby at
/// epoch 1 and the replacement takes traffic; the test prints the issue §4 numbers (latency before, during and after,
/// the longest gap, each failover step). Then a lease is closed cleanly and the gateway stops sending to it within
/// seconds, with its slow full re-read an hour away (the chain-event watch told it). Bad input is refused before anything starts.
/// </summary>
public sealed class GatewayEndToEndTests : IAsyncLifetime
{
    private const int TotalRequests = 10_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    /// <summary>How soon a lease's close must reach the gateway through the chain-event watch (generous for a loaded machine).</summary>
    private static readonly TimeSpan EventBound = TimeSpan.FromSeconds(15);
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
        // The slow full re-read is an hour away: the hand-over and the close below can only reach the gateway through the chain-event watch.
        await using var gateway = await GatewayUnderTest.StartAsync(_chain.Connection, directory, nodeClient, orderId, reconcileInterval: TimeSpan.FromHours(1));
        await Until(() => Task.FromResult(gateway.Parts.Replicas.All.Count(replica => replica.Available) == 3), "the gateway admits three replicas");

        await using var load = ClosedLoopLoad.Start(gateway.Address, workers: 4);
        await using var streams = StreamLoad.Start(gateway.Address);
        await Until(() => Task.FromResult(load.Succeeded >= TotalRequests / 3), "a third of the requests are answered");
        var victim = gateway.Parts.Replicas.All.First();
        var victimNode = nodes.FindIndex(node => string.Equals(node.Owner.Address, victim.Address.Provider, StringComparison.OrdinalIgnoreCase));
        // SIGKILL of the node's process tree: the node and its workload die at once, as on a dead machine.
        var (killed, killedAt) = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
        await processes[victimNode]!.DisposeAsync();
        processes[victimNode] = null;
        _output.WriteLine($"killed node{victimNode} serving lease {victim.Address.LeaseId} after {load.Succeeded} requests");

        var report = new FailoverReport(killed);
        var replacement = $"{victim.Address.LeaseId}/1";
        await WatchFailoverAsync(market, victim.Address.LeaseId, report, () => gateway.Parts.Replicas.All.Any(replica => replica.Address.Key == replacement && replica.Requests > 20));
        foreach (var entry in gateway.Parts.Events.Recent(200).Where(entry => entry.Replica == replacement && entry.Kind is "replica-added" or "replica-healthy"))
        {
            report.Saw($"gateway: {entry.Kind} ({entry.Detail})", entry.At, killedAt);
        }

        await Until(() => Task.FromResult(load.Succeeded >= TotalRequests), $"{TotalRequests} requests are answered");
        var samples = load.Samples;
        var firstServed = samples.Where(sample => sample.Replica == replacement).Min(sample => sample.Ended);
        report.Saw("the replacement answered its first request", firstServed);
        _output.WriteLine(report.Describe(samples, firstServed) + $"streams completed {streams.Completed}, failed {streams.Failures.Count}; gateway retries {gateway.Parts.Metrics.Retries}, streams resumed {gateway.Parts.Metrics.StreamsResumed}");
        Assert.True(load.Failed == 0, string.Join('\n', load.Failures));

        // A clean close: the closed lease's replica leaves the gateway within seconds (an hour before the next full
        // re-read, so only the LeaseClosed event can have told it) and gets nothing more.
        var closed = gateway.Parts.Replicas.All.First(replica => replica.Address.LeaseId != victim.Address.LeaseId);
        await tenant.JsonAsync($"lease close {closed.Address.LeaseId} --yes");
        var closeSeen = Stopwatch.StartNew();
        await Until(() => Task.FromResult(!gateway.Parts.Replicas.Contains(closed)), "the gateway drops the closed lease");
        Assert.True(closeSeen.Elapsed < EventBound, $"the close reached the gateway after {closeSeen.Elapsed}");
        // An attempt that picked it just before it left may still be starting: count once nothing is in flight on it.
        await Until(() => Task.FromResult(closed.InFlight == 0), "the closed lease's last attempts end");
        var afterClose = closed.Requests;
        var target = load.Succeeded + 200;
        await Until(() => Task.FromResult(load.Succeeded > target), "load flows after the close");
        await load.StopAsync();
        await streams.StopAsync();

        Assert.Equal(afterClose, closed.Requests);
        Assert.True(load.Failed == 0, string.Join('\n', load.Failures));
        Assert.True(streams.Failures.Count == 0 && streams.Completed > 0, $"streams completed {streams.Completed}, failed: {string.Join('\n', streams.Failures)}");
        Assert.Contains(gateway.Parts.Events.Recent(200), entry => entry.Kind == "chain-event" && entry.Detail.Contains(nameof(LeaseClosed), StringComparison.Ordinal));
        _output.WriteLine($"close seen by the gateway {closeSeen.Elapsed.TotalSeconds:F2} s after the close transaction; requests {load.Succeeded}, events:\n{string.Join('\n', gateway.Parts.Events.Recent(40))}");
    }

    /// <summary>Polls the lease until <paramref name="replacementServing"/>, noting when the chain showed each failover step.</summary>
    private static async Task WatchFailoverAsync(MarketClient market, BigInteger leaseId, FailoverReport report, Func<bool> replacementServing)
    {
        var seen = new HashSet<string>();
        await Until(async () =>
        {
            var lease = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!;
            var step = lease.State == LeaseState.Reassigning ? "chain: fault reported, lease waiting for a standby (heartbeat timeout)"
                : lease.Epoch == 1 && lease.State == LeaseState.Assigned ? "chain: handed over to the standby (epoch 1)"
                : lease.Epoch == 1 && lease.State == LeaseState.Running ? "chain: the standby acknowledged, its workload started"
                : null;
            if (step is not null && seen.Add(step))
            {
                report.Saw(step, Stopwatch.GetTimestamp());
            }

            return replacementServing();
        }, "the replacement takes traffic");
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
