using System.Collections.Concurrent;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Bitswap.Network;

/// <summary>
/// <c>/ipfs/bitswap/1.2.0</c> over a <see cref="Libp2pHost"/>. The protocol handler is registered on the host, so
/// identify advertises it (Helia only talks Bitswap to peers that list it). A peer counts as a Bitswap peer once its
/// identify lists the protocol or it opens a Bitswap stream. Inbound streams are read-only: each carries any number of
/// length-prefixed messages until the remote closes it. Outbound messages go on one stream per peer, opened by this
/// side (Helia answers on a stream it opens to us and expects the same), kept while busy and closed when idle.
/// Constructing it starts nothing; as a hosted service it is started and stopped by the <see cref="BitswapNode"/> that
/// owns it, after that node has set the message handler.
/// </summary>
public sealed partial class Libp2pBitswapNetwork : IBitswapNetwork, IHostedService, IAsyncDisposable
{
    /// <summary>The protocol id.</summary>
    public const string ProtocolId = "/ipfs/bitswap/1.2.0";

    private readonly Libp2pHost _host;
    private readonly Libp2pBitswapNetworkOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<PeerId, byte> _bitswapPeers = new();
    private readonly ConcurrentDictionary<PeerId, PeerStreamSender> _senders = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskTracker _tasks;
    private BitswapMessageHandler? _handler;
    private int _started;

    /// <summary>Binds Bitswap to <paramref name="host"/>; nothing happens until <see cref="StartAsync"/>.</summary>
    public Libp2pBitswapNetwork(Libp2pHost host, Libp2pBitswapNetworkOptions? options = null, ILogger<Libp2pBitswapNetwork>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        _options = options ?? new Libp2pBitswapNetworkOptions();
        _options.Validate();
        _host = host;
        Metrics = new BitswapMetrics(host.LocalPeerId.ToString());
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _tasks = new TaskTracker(_logger);
    }

    /// <inheritdoc />
    public event Action<PeerId>? PeerConnected;

    /// <inheritdoc />
    public event Action<PeerId>? PeerDisconnected;

    /// <inheritdoc />
    public PeerId LocalPeer => _host.LocalPeerId;

    /// <summary>The binding's instruments (meter <see cref="BitswapMetrics.MeterName"/>).</summary>
    public BitswapMetrics Metrics { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<PeerId> ConnectedPeers => [.. _bitswapPeers.Keys.Where(_host.IsConnected)];

    /// <inheritdoc />
    public void SetMessageHandler(BitswapMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
    }

    /// <summary>Registers the protocol on the host (advertised through identify) and starts tracking Bitswap peers.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _started, 1, 0) != 0)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _started) == 2, this);
            return Task.CompletedTask;
        }

        _host.PeerIdentified += OnPeerIdentified;
        _host.PeerConnected += OnHostPeerConnected;
        _host.PeerDisconnected += OnHostPeerDisconnected;
        _host.SetStreamHandler(ProtocolId, HandleStreamAsync);
        foreach (var peer in _host.ConnectedPeers)
        {
            if (_host.PeerStore.Get(peer)?.Supports(ProtocolId) == true)
            {
                MarkBitswapPeer(peer);
            }
        }

        _tasks.Run(CloseIdleStreamsLoopAsync);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task SendAsync(PeerId peer, EncodedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var sender = _senders.GetOrAdd(peer, static (id, host) => new PeerStreamSender(host, id), _host);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(_options.SendTimeout);
        try
        {
            await sender.SendAsync(message, timeout.Token).ConfigureAwait(false);
            Metrics.Sent(message);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"Sending a Bitswap message to {peer} took longer than {_options.SendTimeout.TotalSeconds:0.#} s.", exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ConnectAsync(PeerId peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (_host.IsConnected(peer))
        {
            return true;
        }

        try
        {
            await _host.DialAsync(peer, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IOException exception)
        {
            BitswapLog.SendFailed(_logger, peer.ToString(), exception.Message);
            return false;
        }
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>Unregisters the protocol, closes outbound streams and waits for background work. Later calls do nothing.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 2) == 2)
        {
            return;
        }

        _host.PeerIdentified -= OnPeerIdentified;
        _host.PeerConnected -= OnHostPeerConnected;
        _host.PeerDisconnected -= OnHostPeerDisconnected;
        _host.RemoveStreamHandler(ProtocolId);
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }

        await _tasks.WhenAllAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        Metrics.Dispose();
        _stopping.Dispose();
    }

    private void OnPeerIdentified(PeerInfo info)
    {
        if (info.Supports(ProtocolId) && _host.IsConnected(info.PeerId))
        {
            MarkBitswapPeer(info.PeerId);
        }
    }

    private void OnHostPeerConnected(Libp2pConnection connection)
    {
        // A reconnecting peer is known from its earlier identify; a new one is marked when identify completes.
        if (_host.PeerStore.Get(connection.RemotePeer)?.Supports(ProtocolId) == true)
        {
            MarkBitswapPeer(connection.RemotePeer);
        }
    }

    private void OnHostPeerDisconnected(PeerId peer)
    {
        if (_senders.TryRemove(peer, out var sender))
        {
            _tasks.Run(() => sender.DisposeAsync().AsTask());
        }

        if (_bitswapPeers.TryRemove(peer, out _))
        {
            PeerDisconnected?.Invoke(peer);
        }
    }

    private void MarkBitswapPeer(PeerId peer)
    {
        if (_bitswapPeers.TryAdd(peer, 0))
        {
            PeerConnected?.Invoke(peer);
        }
    }
}
