using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>A real node for loopback tests: libp2p host (TCP, Noise, Yamux), Bitswap binding, content store.</summary>
internal sealed class HostBitswapNode : IAsyncDisposable
{
    private readonly TemporaryDirectory _folder;

    private HostBitswapNode(
        IBlockStore blocks, ContentStore content, Libp2pHost host, Libp2pBitswapNetwork network, BitswapNode node, Multiaddr address, TemporaryDirectory folder)
    {
        _folder = folder;
        Blocks = blocks;
        Content = content;
        Host = host;
        Network = network;
        Node = node;
        Address = address;
    }

    public IBlockStore Blocks { get; }

    public ContentStore Content { get; }

    public Libp2pHost Host { get; }

    public Libp2pBitswapNetwork Network { get; }

    public BitswapNode Node { get; }

    /// <summary>The listen address with /p2p/ id.</summary>
    public Multiaddr Address { get; }

    public PeerId Id => Host.LocalPeerId;

    /// <summary>Starts a node over <paramref name="blocks"/> (a new memory store when null).</summary>
    public static async Task<HostBitswapNode> StartAsync(
        IBlockStore? blocks = null, BitswapNodeOptions? options = null, Libp2pBitswapNetworkOptions? networkOptions = null)
    {
        blocks ??= new MemoryBlockStore();
        var folder = new TemporaryDirectory();
        var content = new ContentStore(blocks, new ContentStoreOptions { PinDatabasePath = folder.Combine("pins.db") });
        var host = new Libp2pHost(Ed25519PrivateKey.Generate());
        var network = new Libp2pBitswapNetwork(host, networkOptions);
        var node = new BitswapNode(content, network, options);
        node.Start();
        network.Start();
        var address = await host.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        return new HostBitswapNode(blocks, content, host, network, node, address.WithPeerId(host.LocalPeerId), folder);
    }

    /// <summary>Dials <paramref name="other"/> and waits until each side sees the other as a Bitswap peer.</summary>
    public async Task ConnectAsync(HostBitswapNode other)
    {
        await Host.DialAsync(other.Address);
        await WaitAsync(() => Network.ConnectedPeers.Contains(other.Id) && other.Network.ConnectedPeers.Contains(Id));
    }

    public static async Task WaitAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Network.DisposeAsync();
        await Host.DisposeAsync();
        Content.Dispose();
        (Blocks as IDisposable)?.Dispose();
        _folder.Dispose();
    }
}
