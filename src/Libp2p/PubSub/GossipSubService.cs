using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Network;
using DePinGpu.Libp2p.PubSub.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>
/// GossipSub v1.1 on a libp2p host: subscribe, publish, validators and introspection, with the router bound to
/// <c>/meshsub/1.2.0</c>, <c>/meshsub/1.1.0</c>, <c>/meshsub/1.0.0</c> and <c>/floodsub/1.0.0</c> streams, a heartbeat
/// timer, and dialling of peers learned through peer exchange. Finding peers otherwise (bootstrap, mDNS) is
/// <see cref="Discovery.PeerDiscoveryService"/>'s job. Constructing the service starts nothing; <see cref="StartAsync"/>
/// registers the handlers and starts the heartbeat, <see cref="StopAsync"/> ends both (the hosted-service contract).
/// </summary>
public sealed partial class GossipSubService : IHostedService, IAsyncDisposable, IPubSubTransport
{
    private readonly IPubSubHost _host;
    private readonly GossipSubServiceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<PeerId, PubSubSession> _sessions = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _background = [];
    private readonly DiscoveredPeerConnector? _connector;
    private bool _started;
    private int _stopped;

    /// <summary>
    /// Creates the service. <paramref name="dialer"/> lets it connect to peers learned through peer exchange; without it
    /// the service only uses connections others open.
    /// </summary>
    public GossipSubService(
        IPubSubHost host,
        PrivateKey key,
        GossipSubServiceOptions? options = null,
        IPeerDialer? dialer = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        ArgumentNullException.ThrowIfNull(key);
        _options = options ?? new GossipSubServiceOptions();
        _time = time ?? TimeProvider.System;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger<GossipSubService>();
        var routerOptions = _options.DirectPeers.Count == 0 ? _options.Router : _options.Router with
        {
            DirectPeers = new HashSet<PeerId>(_options.Router.DirectPeers.Concat(_options.DirectPeers.Select(address => address.PeerId
                ?? throw new ArgumentException($"Direct peer address {address} has no /p2p/<peer id> suffix.", nameof(options))))),
        };
        Router = new GossipSubRouter(host.LocalPeer, key, this, routerOptions, factory.CreateLogger<GossipSubRouter>(), _time);
        Router.PeersExchanged += OnPeersExchanged;
        if (dialer is not null)
        {
            _connector = new DiscoveredPeerConnector(dialer, logger: factory.CreateLogger<DiscoveredPeerConnector>(), time: _time);
        }
    }

    /// <summary>The router, for introspection (mesh, peers, scores) and advanced use.</summary>
    public GossipSubRouter Router { get; }

    /// <summary>The protocols we speak, most preferred first.</summary>
    public IReadOnlyList<string> Protocols => _options.FloodSubFallback
        ? PubSubProtocols.All
        : [PubSubProtocols.GossipSubV12, PubSubProtocols.GossipSubV11, PubSubProtocols.GossipSubV10];

    /// <summary>Registers stream handlers, binds to connection events and starts the heartbeat; a second call does nothing.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped != 0, this);
            if (_started)
            {
                return Task.CompletedTask;
            }

            _started = true;
        }

        foreach (var protocol in Protocols)
        {
            _host.SetStreamHandler(protocol, HandleInboundStreamAsync);
        }

        _host.PeerConnected += OnPeerConnected;
        _host.PeerDisconnected += OnPeerDisconnected;
        foreach (var connection in _host.Connections)
        {
            OnPeerConnected(connection);
        }

        Track(HeartbeatLoopAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    /// <summary>Subscribes to <paramref name="topic"/>; dispose the subscription to leave.</summary>
    public PubSubSubscription Subscribe(string topic) => Router.Subscribe(topic);

    /// <summary>Publishes <paramref name="data"/> on <paramref name="topic"/> (signed with the node key).</summary>
    public PublishResult Publish(string topic, ReadOnlySpan<byte> data) => Router.Publish(topic, data);

    /// <summary>Registers the validator of <paramref name="topic"/>.</summary>
    public void RegisterValidator(string topic, TopicValidator validator) => Router.RegisterValidator(topic, validator);

    /// <summary>A peer's signed peer record for peer exchange (the router's transport).</summary>
    byte[]? IPubSubTransport.SignedPeerRecordOf(PeerId peer) => _host.SignedPeerRecordOf(peer);

    /// <summary>Queues an RPC for a peer (the router's transport).</summary>
    bool IPubSubTransport.Send(PeerId peer, Wire.Rpc rpc)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(peer, out var session) && session.Outbox.TryEnqueue(rpc);
        }
    }

    /// <summary>Stops peer-exchange dialling, the heartbeat and every session, then the router. Later calls do nothing.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _host.PeerConnected -= OnPeerConnected;
        _host.PeerDisconnected -= OnPeerDisconnected;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_connector is not null)
        {
            await _connector.DisposeAsync().ConfigureAwait(false);
        }

        List<PubSubSession> sessions;
        lock (_gate)
        {
            sessions = [.. _sessions.Values];
            _sessions.Clear();
        }

        await Task.WhenAll(sessions.Select(session => session.CloseAsync())).ConfigureAwait(false);
        Task[] background;
        lock (_gate)
        {
            background = [.. _background];
        }

        await Task.WhenAll(background).ConfigureAwait(false);
        Router.Dispose();
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_options.Router.HeartbeatInitialDelay, _time, cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(_options.Router.HeartbeatInterval, _time);
            do
            {
                try
                {
                    Router.Heartbeat();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A heartbeat bug must not stop future heartbeats (the mesh would decay); it is logged as an error.
                    PubSubNetworkLog.HeartbeatFailed(_logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private void OnPeersExchanged(IReadOnlyList<ExchangedPeer> peers)
    {
        if (_connector is null || !_options.ConnectExchangedPeers)
        {
            return;
        }

        foreach (var peer in peers)
        {
            if (peer.SignedPeerRecord is null)
            {
                PubSubNetworkLog.PeerExchangeIgnored(_logger, peer.PeerId, "no signed peer record, so no address to dial");
            }
            else if (!SignedPeerRecord.TryParse(peer.SignedPeerRecord, out var record, out var error) || record!.PeerId != peer.PeerId)
            {
                PubSubNetworkLog.PeerExchangeIgnored(_logger, peer.PeerId, error ?? "the record is for another peer");
            }
            else
            {
                _connector.Offer(new DiscoveredPeer(peer.PeerId, record.Addresses, DiscoverySource.PeerExchange));
            }
        }
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _background.RemoveAll(existing => existing.IsCompleted);
            _background.Add(task);
        }
    }
}
