using System.Net;
using System.Numerics;
using DePinGpu.Protocol.Clients;
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

    public static async Task<GatewayUnderTest> StartAsync(MarketClient market, ProviderDirectory directory, NodeServiceClient nodes, BigInteger orderId)
    {
        var listen = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var options = new GatewayOptions { Listen = listen, MetricsListen = new IPEndPoint(IPAddress.Loopback, FreePort.Next()) };
        var parts = new GatewayParts(new ReplicaSet(), options, ReplicaInvoker.Create(), new GatewayMetrics(), new GatewayEventLog(null, TimeProvider.System));
        var source = new OrderReplicaSource(market, directory, nodes, orderId, parts);
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
