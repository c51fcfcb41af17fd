using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Bench;

/// <summary>The C# listener, run in its own process like the js one: prints its address, serves until stdin closes.</summary>
internal static class BenchServer
{
    public static async Task RunAsync()
    {
        var options = new Libp2pHostOptions { Limits = new ConnectionLimits { MaxConnectionsPerPeer = 10_000, MaxConnections = 10_000, IdleTimeout = null } };
        await using var host = new Libp2pHost(Ed25519PrivateKey.Generate(), options);
        host.SetStreamHandler(SinkProtocol.ProtocolId, SinkProtocol.HandleAsync);
        var address = await host.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        Console.WriteLine($"{{\"event\":\"ready\",\"addr\":\"{address.WithPeerId(host.LocalPeerId)}\"}}");
        await Console.In.ReadToEndAsync();
    }
}
