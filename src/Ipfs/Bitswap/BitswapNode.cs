using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Bitswap.Server;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Bitswap;

/// <summary>
/// Bitswap for one node: a <see cref="BitswapServer"/> answering peers from the content store and a
/// <see cref="BitswapClient"/> fetching DAGs into it, over one <see cref="IBitswapNetwork"/>. Received wantlists go to
/// the server, blocks and presences to the client; every block a fetch stores is offered to peers waiting for it.
/// Constructing the node starts nothing. <see cref="StartAsync"/> wires the halves and then starts the network when it is
/// a hosted service itself (<see cref="Libp2pBitswapNetwork"/>), so no message arrives before there is a handler;
/// <see cref="StopAsync"/> undoes it in reverse order.
/// </summary>
public sealed class BitswapNode : IHostedService, IAsyncDisposable
{
    private readonly IBitswapNetwork _network;
    private int _started;
    private int _stopped;

    /// <summary>Creates the node over <paramref name="store"/> and <paramref name="network"/>; nothing runs until <see cref="StartAsync"/>.</summary>
    public BitswapNode(ContentStore store, IBitswapNetwork network, BitswapNodeOptions? options = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(network);
        options ??= new BitswapNodeOptions();
        _network = network;
        Server = new BitswapServer(store.Blocks, network, options.Server, loggers?.CreateLogger<BitswapServer>());
        Client = new BitswapClient(store, network, options.Client, loggers?.CreateLogger<BitswapClient>(), Server.NotifyBlocksAvailable);
    }

    /// <summary>The serving half.</summary>
    public BitswapServer Server { get; }

    /// <summary>The fetching half.</summary>
    public BitswapClient Client { get; }

    /// <summary>This node's peer id.</summary>
    public PeerId LocalPeer => _network.LocalPeer;

    /// <summary>Connects the halves to the network, starts serving, then starts the network; a second call does nothing.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _network.SetMessageHandler(HandleMessageAsync);
        _network.PeerConnected += OnPeerConnected;
        _network.PeerDisconnected += OnPeerDisconnected;
        Server.Start();
        if (_network is IHostedService hostedNetwork)
        {
            await hostedNetwork.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fetches the DAG under <paramref name="root"/>; see <see cref="BitswapClient.FetchAsync"/>.</summary>
    public Task<FetchResult> FetchAsync(
        Cid root, FetchOptions? options = null, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Client.FetchAsync(root, options, progress, cancellationToken);

    /// <summary>Stops serving and fetching, waits for messages being sent, then stops a hosted network. Later calls do nothing.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _network.PeerConnected -= OnPeerConnected;
        _network.PeerDisconnected -= OnPeerDisconnected;
        await Server.DisposeAsync().ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
        if (_network is IHostedService hostedNetwork && Volatile.Read(ref _started) != 0)
        {
            await hostedNetwork.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

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
