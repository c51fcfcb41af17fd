using System.Net;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>A real gateway (Kestrel + YARP) on free loopback ports in front of given replica addresses, all admitted as healthy.</summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private readonly GatewayServer _server;

    private TestGateway(GatewayParts parts, GatewayServer server, Uri address, Uri metrics)
    {
        Parts = parts;
        _server = server;
        Address = address;
        Metrics = metrics;
    }

    public GatewayParts Parts { get; }

    public Uri Address { get; }

    public Uri Metrics { get; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// Starts it; <paramref name="maxAttempts"/> and <paramref name="maxBodyBytes"/> default to <see cref="GatewayOptions"/>'s
    /// own defaults (as <c>depin gateway</c> without flags); <paramref name="events"/> receives the <c>--json</c> event lines.
    /// </summary>
    public static async Task<TestGateway> StartAsync(IEnumerable<ReplicaAddress> replicas, bool idempotent = false, int? maxAttempts = null, int? maxBodyBytes = null,
        TextWriter? events = null)
    {
        var listen = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var metrics = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var options = new GatewayOptions { Listen = listen, MetricsListen = metrics };
        options = options with
        {
            MaxAttempts = maxAttempts ?? options.MaxAttempts,
            MaxBufferedBodyBytes = maxBodyBytes ?? options.MaxBufferedBodyBytes,
        };
        var set = new ReplicaSet { Traits = new ServiceTraits("/health", idempotent) };
        set.Reconcile(replicas);
        foreach (var replica in set.All)
        {
            replica.ProbeSucceeded();
        }

        var invoker = ReplicaInvoker.Create();
        var parts = new GatewayParts(set, options, invoker, new GatewayMetrics(), new GatewayEventLog(events, TimeProvider.System));
        var server = new GatewayServer(parts);
        await server.StartAsync(CancellationToken.None);
        return new TestGateway(parts, server, new Uri($"http://{listen}/"), new Uri($"http://{metrics}/metrics"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
        Parts.Invoker.Dispose();
        Parts.Metrics.Dispose();
    }
}
