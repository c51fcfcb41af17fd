using DePinGpu.Protocol.Rpc;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>The chain-event watch when the chain does not answer: it reports the fault once, keeps retrying and never ends the gateway.</summary>
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
}
