using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Network;

namespace DePinGpu.Libp2p.Tests.PubSub.Interop;

/// <summary>A real C# node for interop tests: TCP + Noise + Yamux host on loopback with the gossipsub service.</summary>
internal sealed class CSharpGossipNode : IAsyncDisposable
{
    private CSharpGossipNode(Libp2pHost host, HostPubSubAdapter adapter, GossipSubService service, Multiaddr address)
    {
        Host = host;
        Adapter = adapter;
        Service = service;
        Address = address;
    }

    public Libp2pHost Host { get; }

    public HostPubSubAdapter Adapter { get; }

    public GossipSubService Service { get; }

    /// <summary>The listen address including /p2p/.</summary>
    public Multiaddr Address { get; }

    public PeerId PeerId => Host.LocalPeerId;

    public static async Task<CSharpGossipNode> StartAsync(PrivateKey? key = null, GossipSubOptions? options = null)
    {
        var host = new Libp2pHost(key ?? Ed25519PrivateKey.Generate());
        var address = await host.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        var adapter = new HostPubSubAdapter(host);
        var service = new GossipSubService(adapter, host.Identity, new GossipSubServiceOptions { Router = InMemoryPubSubNetwork.LoopbackOptions(options) }, adapter);
        service.Start();
        return new CSharpGossipNode(host, adapter, service, address.WithPeerId(host.LocalPeerId));
    }

    public Task DialAsync(Multiaddr address) => Host.DialAsync(address);

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Adapter.Dispose();
        await Host.DisposeAsync();
    }
}
