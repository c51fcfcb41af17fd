using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DePinGpu.Ipfs.Hosting;

/// <summary>
/// "A host with Bitswap and a store", started: the composition <c>AddLibp2pHost().AddContentStore().AddBitswap()</c> run
/// by a <see cref="ServiceNode"/>, with typed access to its parts. Tests and benchmarks use it; a daemon makes the same
/// calls on its Generic Host (see docs/architecture.md).
/// </summary>
public sealed class IpfsNode : IAsyncDisposable
{
    private readonly ServiceNode _node;

    private IpfsNode(ServiceNode node) => _node = node;

    /// <summary>The libp2p host.</summary>
    public Libp2pHost Host => _node.Get<Libp2pHost>();

    /// <summary>The content store (pins, sessions, GC).</summary>
    public ContentStore Content => _node.Get<ContentStore>();

    /// <summary>The Bitswap node (server and client).</summary>
    public BitswapNode Bitswap => _node.Get<BitswapNode>();

    /// <summary>Bitswap's libp2p binding.</summary>
    public Libp2pBitswapNetwork Network => _node.Get<Libp2pBitswapNetwork>();

    /// <summary>The node's content fetcher (Bitswap).</summary>
    public IContentFetcher Fetcher => _node.Get<IContentFetcher>();

    /// <summary>The first listen address, with /p2p/.</summary>
    public Multiaddr Address => Host.ListenAddresses[0].WithPeerId(Host.LocalPeerId);

    /// <summary>The node's peer id.</summary>
    public PeerId PeerId => Host.LocalPeerId;

    /// <summary>
    /// Starts a node over <paramref name="blocks"/> (owned by the caller) with its pins per <paramref name="storeOptions"/>;
    /// without <paramref name="hostOptions"/> it listens on a free loopback port with a new Ed25519 key.
    /// </summary>
    public static async Task<IpfsNode> StartAsync(
        IBlockStore blocks,
        ContentStoreOptions storeOptions,
        BitswapNodeOptions? bitswapOptions = null,
        Libp2pHostOptions? hostOptions = null,
        CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection()
            .AddLibp2pHost(hostOptions ?? new Libp2pHostOptions { ListenAddresses = [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0")] })
            .AddContentStore(blocks, storeOptions)
            .AddBitswap(bitswapOptions);
        return new IpfsNode(await ServiceNode.StartAsync(services, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stops Bitswap, then the host, and closes the store.</summary>
    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
