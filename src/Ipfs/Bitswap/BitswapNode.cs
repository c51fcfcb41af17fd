using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Bitswap.Server;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Bitswap;

/// <summary>
/// Bitswap for one node: a <see cref="BitswapServer"/> answering peers from the content store and a
/// <see cref="BitswapClient"/> fetching DAGs into it, over one <see cref="IBitswapNetwork"/>. Received wantlists go to
/// the server, blocks and presences to the client; every block a fetch stores is offered to peers waiting for it.
/// </summary>
public sealed class BitswapNode : IAsyncDisposable
{
    private readonly IBitswapNetwork _network;
    private int _started;
    private int _disposed;

    /// <summary>
    /// Creates the node over <paramref name="store"/> and <paramref name="network"/>; call <see cref="Start"/> next. With
    /// <paramref name="accessPolicy"/>, registered checkpoints are served only to their lease's peers.
    /// </summary>
    public BitswapNode(
        ContentStore store, IBitswapNetwork network, BitswapNodeOptions? options = null, ILoggerFactory? loggers = null,
        Access.IBlockAccessPolicy? accessPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(network);
        options ??= new BitswapNodeOptions();
        _network = network;
        Server = new BitswapServer(store.Blocks, network, options.Server, loggers?.CreateLogger<BitswapServer>(), accessPolicy);
        Client = new BitswapClient(store, network, options.Client, loggers?.CreateLogger<BitswapClient>(), Server.NotifyBlocksAvailable);
    }

    /// <summary>The serving half.</summary>
    public BitswapServer Server { get; }

    /// <summary>The fetching half.</summary>
    public BitswapClient Client { get; }

    /// <summary>This node's peer id.</summary>
    public PeerId LocalPeer => _network.LocalPeer;

    /// <summary>Connects the halves to the network and starts serving.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _network.SetMessageHandler(HandleMessageAsync);
        _network.PeerConnected += OnPeerConnected;
        _network.PeerDisconnected += OnPeerDisconnected;
        Server.Start();
    }

    /// <summary>Fetches the DAG under <paramref name="root"/>; see <see cref="BitswapClient.FetchAsync"/>.</summary>
    public Task<FetchResult> FetchAsync(
        Cid root, FetchOptions? options = null, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Client.FetchAsync(root, options, progress, cancellationToken);

    /// <summary>Stops serving and waits for messages being sent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _network.PeerConnected -= OnPeerConnected;
        _network.PeerDisconnected -= OnPeerDisconnected;
        await Server.DisposeAsync().ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleMessageAsync(PeerId peer, BitswapMessage message, CancellationToken cancellationToken)
    {
        if (message.Wantlist is { } wantlist)
        {
            Server.ReceiveWantlist(peer, wantlist);
        }

        await Client.ReceiveAsync(peer, message, cancellationToken).ConfigureAwait(false);
    }

    private void OnPeerConnected(PeerId peer) => Client.PeerConnected(peer);

    private void OnPeerDisconnected(PeerId peer)
    {
        Server.PeerDisconnected(peer);
        Client.PeerDisconnected(peer);
    }
}
