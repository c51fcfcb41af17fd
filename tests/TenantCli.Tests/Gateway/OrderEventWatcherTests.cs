using DePinGpu.Protocol.Rpc;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>
/// The chain-event watch: a chain that does not answer is reported once and retried without ending the gateway; a chain
/// that goes back below the blocks already read (a reorg, a reset) makes it ask for a full re-read; blocks without the
/// order's events ask for nothing.
/// </summary>
public sealed class OrderEventWatcherTests
{
    private const string Market = "0x00000000000000000000000000000000000000aa";

    [Fact]
    public async Task Run_WhileTheRpcFails_ReportsTheFaultOnce_KeepsRetrying_AndAsksForNoRefresh()
    {
        // Every JSON-RPC call gets 404: a node that is down or misconfigured.
        await using var rpcServer = new LoopbackHttpServer();
        using var rpc = new EthereumRpc(rpcServer.BaseAddress);
        var events = new GatewayEventLog(null, TimeProvider.System);
        var watcher = new OrderEventWatcher(rpc, Market, orderId: 7, events, TimeSpan.FromMilliseconds(50));
        var touched = 0;
        using var stop = new CancellationTokenSource();

        var watching = watcher.RunAsync(_ => Interlocked.Increment(ref touched), TimeProvider.System, stop.Token);
        await GatewayCluster.Until(() => Task.FromResult(rpcServer.Requests.Count >= 3), "the watcher asked the chain three times");
        Assert.False(watching.IsCompleted);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        Assert.Single(events.Recent(50), entry => entry.Kind == "chain-watch-failed");
        Assert.Equal(0, touched);
    }

    [Fact]
    public async Task Step_AfterTheChainWentBackBelowTheBlocksRead_AsksForARefresh_AndBlocksWithoutTheOrdersEventsAskForNothing()
    {
        await using var chain = await DevnetChain.StartAsync();
        var rpc = chain.Connection.Rpc;
        var watcher = new OrderEventWatcher(rpc, chain.Connection.Deployment.Contracts.Market, orderId: 1, new GatewayEventLog(null, TimeProvider.System), TimeSpan.FromMilliseconds(50));
        var reasons = new List<string>();
        await watcher.StepAsync(reasons.Add, CancellationToken.None);
        var snapshot = (await rpc.Client.RequestAsync("evm_snapshot", [], CancellationToken.None)).GetString()!;
        await rpc.Client.RequestAsync("anvil_mine", ["0x3"], CancellationToken.None);

        await watcher.StepAsync(reasons.Add, CancellationToken.None);
        Assert.Equal(["the chain watch started"], reasons);
        await rpc.Client.RequestAsync("evm_revert", [snapshot], CancellationToken.None);
        await watcher.StepAsync(reasons.Add, CancellationToken.None);

        Assert.Equal(2, reasons.Count);
        Assert.StartsWith("the chain went back to block", reasons[1], StringComparison.Ordinal);
    }
}
