using DePinGpu.Libp2p.Addressing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>
/// Finds and connects peers for whatever runs on the host (GossipSub, Bitswap): keeps the bootstrap peers connected with
/// back-off and, when enabled, announces and dials peers found through mDNS. Constructing it starts nothing; it is a
/// hosted service (<see cref="StartAsync"/>, <see cref="StopAsync"/>), and cannot start again once stopped.
/// </summary>
public sealed class PeerDiscoveryService : IHostedService, IAsyncDisposable
{
    private readonly IPeerDialer _dialer;
    private readonly Func<IReadOnlyList<Multiaddr>> _localAddresses;
    private readonly PeerDiscoveryOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private BootstrapDiscovery? _bootstrap;
    private MdnsDiscovery? _mdns;
    private DiscoveredPeerConnector? _connector;
    private int _started;

    /// <summary>Creates the service; <paramref name="localAddresses"/> is what mDNS announces.</summary>
    public PeerDiscoveryService(
        IPeerDialer dialer, Func<IReadOnlyList<Multiaddr>> localAddresses, PeerDiscoveryOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _dialer = dialer ?? throw new ArgumentNullException(nameof(dialer));
        _localAddresses = localAddresses ?? throw new ArgumentNullException(nameof(localAddresses));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The bootstrap peers being kept connected (excluding ourselves); empty before start.</summary>
    public IReadOnlyCollection<Identity.PeerId> BootstrapPeers => _bootstrap?.Peers ?? [];

    /// <summary>Starts the bootstrap loop and, when enabled, mDNS.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return Task.CompletedTask;
        }

        _bootstrap = new BootstrapDiscovery(_options.BootstrapPeers, _dialer, _options.Bootstrap, _loggers.CreateLogger<BootstrapDiscovery>(), _time);
        _bootstrap.Start();
        if (_options.Mdns.Enabled)
        {
            _connector = new DiscoveredPeerConnector(_dialer, logger: _loggers.CreateLogger<DiscoveredPeerConnector>(), time: _time);
            _mdns = new MdnsDiscovery(_dialer.LocalPeer, _localAddresses, _options.Mdns, _loggers.CreateLogger<MdnsDiscovery>());
            var connector = _connector;
            _mdns.PeerDiscovered += peer => connector.Offer(peer);
            _mdns.Start();
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops mDNS and the bootstrap loop and waits for dials in flight.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var part in new IAsyncDisposable?[] { _mdns, _connector, _bootstrap }.OfType<IAsyncDisposable>())
        {
            await part.DisposeAsync().ConfigureAwait(false);
        }

        (_mdns, _connector, _bootstrap) = (null, null, null);
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
