using System.Net;
using System.Numerics;
using DePinGpu.Protocol.Configuration;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>The whole gateway (server, prober, chain + node discovery) running in the test process, as <c>depin gateway</c> runs it.</summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _run;

    private GatewayUnderTest(GatewayParts parts, CancellationTokenSource stop, Task run, Uri address)
    {
        Parts = parts;
        _stop = stop;
        _run = run;
        Address = address;
    }

    public GatewayParts Parts { get; }

    public Uri Address { get; }

    /// <summary>
    /// Starts the gateway for <paramref name="orderId"/>; <paramref name="reconcileInterval"/> sets the slow full re-read
    /// under the chain-event watch (default: the gateway's own default).
    /// </summary>
    public static async Task<GatewayUnderTest> StartAsync(ProtocolConnection chain, ProviderDirectory directory, NodeServiceClient nodes, BigInteger orderId, TimeSpan? reconcileInterval = null)
    {
        var listen = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var options = new GatewayOptions { Listen = listen, MetricsListen = new IPEndPoint(IPAddress.Loopback, FreePort.Next()) };
        options = options with { ReconcileInterval = reconcileInterval ?? options.ReconcileInterval };
        var events = new GatewayEventLog(null, TimeProvider.System);
        var parts = new GatewayParts(new ReplicaSet(), options, ReplicaInvoker.Create(), new GatewayMetrics(), events);
        var watcher = new OrderEventWatcher(chain.Rpc, chain.Deployment.Contracts.Market, orderId, events, options.ChainPollInterval);
        var source = new OrderReplicaSource(chain.Market(), directory, nodes, orderId, parts, watcher);
        await source.RefreshAsync(CancellationToken.None);
        var stop = new CancellationTokenSource();
        return new GatewayUnderTest(parts, stop, GatewayRun.RunAsync(parts, source, null, stop.Token), new Uri($"http://{listen}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
        Parts.Invoker.Dispose();
        Parts.Metrics.Dispose();
    }
}
