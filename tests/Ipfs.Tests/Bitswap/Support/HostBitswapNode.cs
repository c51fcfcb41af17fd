using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Hosting;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Tests.Bitswap.Support;

/// <summary>
/// A real node for loopback tests: the shared <see cref="IpfsNode"/> composition (libp2p host over TCP, Noise, Yamux;
/// Bitswap; content store) over a given block store, with its pin database in a temporary folder.
/// </summary>
internal sealed class HostBitswapNode : IAsyncDisposable
{
    private readonly IpfsNode _node;
    private readonly TemporaryDirectory _folder;

    private HostBitswapNode(IpfsNode node, IBlockStore blocks, TemporaryDirectory folder)
    {
        _node = node;
        _folder = folder;
        Blocks = blocks;
    }

    public IBlockStore Blocks { get; }

    public ContentStore Content => _node.Content;

    public Libp2pHost Host => _node.Host;

    public Libp2pBitswapNetwork Network => _node.Network;

    public BitswapNode Node => _node.Bitswap;

    /// <summary>The listen address with /p2p/ id.</summary>
    public Multiaddr Address => _node.Address;

    public PeerId Id => _node.PeerId;

    /// <summary>Starts a node over <paramref name="blocks"/> (a new memory store when null).</summary>
    public static async Task<HostBitswapNode> StartAsync(
        IBlockStore? blocks = null, BitswapNodeOptions? options = null, Libp2pBitswapNetworkOptions? networkOptions = null)
    {
        blocks ??= new MemoryBlockStore();
        var folder = new TemporaryDirectory();
        options ??= new BitswapNodeOptions();
        var node = await IpfsNode.StartAsync(
            blocks, new ContentStoreOptions { PinDatabasePath = folder.Combine("pins.db") }, networkOptions is null ? options : options with { Network = networkOptions });
        return new HostBitswapNode(node, blocks, folder);
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
        await _node.DisposeAsync();
        (Blocks as IDisposable)?.Dispose();
        _folder.Dispose();
    }
}
