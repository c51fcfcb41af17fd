using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Demo;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TestSupport;

namespace DePinGpu.Gateway.Bench;

/// <summary>
/// The <c>chain</c> mode (bench/gateway-chain.sh): a devnet started by scripts/devnet.sh and a Stateless order of the
/// echo service that the script placed with <c>depin order create</c>. Waits for every node's offer, finalizes, waits
/// until three replicas run, starts the gateway as <c>depin gateway</c> runs it (chain-event watch, default options)
/// and hands over to <see cref="ChainLoad"/>, which kills one replica's provider (node and workload, SIGKILL) a third
/// of the way in and measures.
/// </summary>
internal static class ChainBench
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(240);

    public static async Task<int> RunAsync(string devnetDirectory, BigInteger orderId, int requests, int concurrency)
    {
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(devnetDirectory, "cli-config.json")));
        var root = config.RootElement;
        var options = new ChainOptions
        {
            RpcUrl = new Uri(root.GetProperty("rpcUrl").GetString()!),
            ChainId = root.GetProperty("chainId").GetUInt64(),
            DeploymentFile = root.GetProperty("deployment").GetString()!,
        };
        using var chain = await ProtocolConnection.ConnectAsync(options, null, CancellationToken.None);
        var password = (await File.ReadAllTextAsync(root.GetProperty("passwordFile").GetString()!)).TrimEnd('\r', '\n');
        var keystore = Path.Combine(root.GetProperty("walletDirectory").GetString()!, root.GetProperty("wallet").GetString()! + ".json");
        var tenant = KeystoreFile.Decrypt(await File.ReadAllTextAsync(keystore), password);
        var gateways = root.GetProperty("gateways").EnumerateArray().Select(element => new Uri(element.GetString()!)).ToArray();
        var devnet = DevnetLayout.Read(devnetDirectory);

        var market = chain.Market(tenant);
        await UntilAsync(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count >= devnet.Nodes.Count, "every node offers");
        await market.FinalizeOrderAsync(orderId, CancellationToken.None);
        await UntilAsync(async () => (await market.GetOrderLeasesAsync(orderId, CancellationToken.None)).Count(lease => lease.State == LeaseState.Running) == 3, "three replicas run");

        using var directory = new ProviderDirectory(chain.Registry(), gateways);
        using var nodes = new NodeServiceClient(tenant, chain.Deployment.ChainId);
        var listen = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var gatewayOptions = new GatewayOptions { Listen = listen, MetricsListen = new IPEndPoint(IPAddress.Loopback, FreePort.Next()) };
        var events = new GatewayEventLog(null, TimeProvider.System);
        using var meter = new GatewayMetrics();
        using var invoker = ReplicaInvoker.Create();
        var parts = new GatewayParts(new ReplicaSet(), gatewayOptions, invoker, meter, events);
        var watcher = new OrderEventWatcher(chain.Rpc, chain.Deployment.Contracts.Market, orderId, events, gatewayOptions.ChainPollInterval);
        var source = new OrderReplicaSource(chain.Market(), directory, nodes, orderId, parts, watcher);
        await source.RefreshAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var run = GatewayRun.RunAsync(parts, source, null, stop.Token);
        await UntilAsync(() => Task.FromResult(parts.Replicas.All.Count(replica => replica.Available) == 3), "the gateway admits three replicas");

        var load = new ChainLoad(parts, new Uri($"http://{listen}/"), requests, concurrency);
        var report = await load.RunAsync(async victim =>
        {
            var node = devnet.NodeOf(victim.Address.Provider) ?? throw new InvalidOperationException($"{victim.Address.Provider} is not a node of this devnet.");
            return string.Join(", ", await ProviderKiller.KillAsync(node, devnet.Runtime, CancellationToken.None));
        }, leaseId => market.GetLeaseAsync(leaseId, CancellationToken.None));
        Console.WriteLine(report);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway: retries {meter.Retries}, failed {meter.Failed}, streams resumed {meter.StreamsResumed}, chain-event refreshes {meter.ChainEventRefreshes}"));
        await stop.CancelAsync();
        await run;
        return load.Failed == 0 ? 0 : 1;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(250);
        }
    }
}
