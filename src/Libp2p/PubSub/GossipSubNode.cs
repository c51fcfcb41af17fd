using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Network;
using Microsoft.Extensions.DependencyInjection;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>
/// "A host with GossipSub", started: the composition <c>AddLibp2pHost().AddGossipSub()</c> run by a
/// <see cref="ServiceNode"/>, with typed access to its parts. Tests and benchmarks use it; a daemon makes the same two
/// calls on its Generic Host.
/// </summary>
public sealed class GossipSubNode : IAsyncDisposable
{
    private readonly ServiceNode _node;

    private GossipSubNode(ServiceNode node) => _node = node;

    /// <summary>The libp2p host.</summary>
    public Libp2pHost Host => _node.Get<Libp2pHost>();

    /// <summary>The GossipSub service.</summary>
    public GossipSubService Service => _node.Get<GossipSubService>();

    /// <summary>The host as pubsub sees it.</summary>
    public HostPubSubAdapter Adapter => _node.Get<HostPubSubAdapter>();

    /// <summary>The first listen address, with /p2p/.</summary>
    public Multiaddr Address => Host.ListenAddresses[0].WithPeerId(Host.LocalPeerId);

    /// <summary>The node's peer id.</summary>
    public PeerId PeerId => Host.LocalPeerId;

    /// <summary>
    /// Starts a node; without <paramref name="hostOptions"/> it listens on a free loopback port, without
    /// <paramref name="key"/> it has a new Ed25519 key.
    /// </summary>
    public static async Task<GossipSubNode> StartAsync(
        GossipSubServiceOptions? options = null, PrivateKey? key = null, Libp2pHostOptions? hostOptions = null, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        if (key is not null)
        {
            services.AddSingleton(key);
        }

        services.AddLibp2pHost(hostOptions ?? new Libp2pHostOptions { ListenAddresses = [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0")] }).AddGossipSub(options);
        return new GossipSubNode(await ServiceNode.StartAsync(services, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Dials <paramref name="address"/>.</summary>
    public Task DialAsync(Multiaddr address, CancellationToken cancellationToken = default) => Host.DialAsync(address, cancellationToken);

    /// <summary>Stops GossipSub, then the host.</summary>
    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
