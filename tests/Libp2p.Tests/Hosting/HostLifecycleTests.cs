using System.Diagnostics.Metrics;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace DePinGpu.Libp2p.Tests.Hosting;

public class HostLifecycleTests
{
    private static readonly Multiaddr Loopback = Multiaddr.Parse("/ip4/127.0.0.1/tcp/0");

    [Fact]
    public async Task Constructing_StartsNothing_StartAsyncListensOnTheConfiguredAddresses()
    {
        await using var host = new Libp2pHost(Ed25519PrivateKey.Generate(), new Libp2pHostOptions { ListenAddresses = [Loopback] });
        Assert.False(host.IsRunning);
        Assert.Empty(host.ListenAddresses);

        await host.StartAsync(CancellationToken.None);

        Assert.True(host.IsRunning);
        var bound = Assert.Single(host.ListenAddresses);
        Assert.True(bound.TryGetTcpTarget(out _, out var port) && port > 0);
        await host.StopAsync(CancellationToken.None);
        Assert.False(host.IsRunning);
    }

    [Fact]
    public async Task ComposedNodes_ReportHealthConnectionsStreamsAndBytes()
    {
        var measurements = new List<(string Name, long Value)>();
        await using var first = await GossipSubNode.StartAsync();
        using var listener = ListenTo(first.PeerId, measurements);
        await using var second = await GossipSubNode.StartAsync();
        var health = new Libp2pHostHealthCheck(first.Host);
        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await first.DialAsync(second.Address);
        await first.Host.PingAsync(second.PeerId);
        listener.RecordObservableInstruments();

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        lock (measurements)
        {
            Assert.Contains(measurements, measurement => measurement.Name == "libp2p.connections.opened");
            Assert.Contains(measurements, measurement => measurement.Name == "libp2p.streams.opened");
            Assert.Contains(measurements, measurement => measurement.Name == "libp2p.bytes.sent" && measurement.Value > 0);
        }
    }

    [Fact]
    public async Task ServiceNode_StopsInReverseOrder_AndTheHostStopsRunning()
    {
        var node = await GossipSubNode.StartAsync();
        var host = node.Host;
        Assert.True(host.IsRunning);
        Assert.Contains(DePinGpu.Libp2p.PubSub.Routing.PubSubProtocols.GossipSubV12, host.Protocols);

        await node.DisposeAsync();

        Assert.False(host.IsRunning);
    }

    [Fact]
    public async Task HealthCheckService_FromAddLibp2pHost_ReportsTheHost()
    {
        var services = new ServiceCollection().AddLibp2pHost(new Libp2pHostOptions { ListenAddresses = [Loopback] });
        await using var node = await ServiceNode.StartAsync(services);

        var report = await node.Get<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Entries[Libp2pHostHealthCheck.Name].Status);
    }

    private static MeterListener ListenTo(PeerId host, List<(string Name, long Value)> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == Libp2pHostMetrics.MeterName
                    && instrument.Meter.Tags?.Any(tag => tag.Key == Libp2pHostMetrics.PeerIdTag && Equals(tag.Value, host.ToString())) == true)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value));
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value));
            }
        });
        listener.Start();
        return listener;
    }
}
