using System.Threading.Channels;
using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>
/// Dials peers learned from mDNS or peer exchange: one attempt per peer per retry interval, a bounded queue and a
/// bounded number of dials at once, so a flood of announcements cannot turn into a flood of connections.
/// </summary>
public sealed class DiscoveredPeerConnector : IAsyncDisposable
{
    private readonly IPeerDialer _dialer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retryInterval;
    private readonly Channel<DiscoveredPeer> _queue = Channel.CreateBounded<DiscoveredPeer>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<PeerId, DateTimeOffset> _lastAttempt = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;

    /// <summary>Starts <paramref name="concurrency"/> dial workers.</summary>
    public DiscoveredPeerConnector(IPeerDialer dialer, int concurrency = 4, TimeSpan? retryInterval = null, ILogger? logger = null, TimeProvider? time = null)
    {
        _dialer = dialer ?? throw new ArgumentNullException(nameof(dialer));
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _retryInterval = retryInterval ?? TimeSpan.FromMinutes(1);
        _workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => WorkAsync(_stopping.Token)).ToArray();
    }

    /// <summary>Raised after a discovered peer was dialed successfully.</summary>
    public event Action<DiscoveredPeer>? PeerConnected;

    /// <summary>Queues <paramref name="peer"/> for a dial unless it is us, connected, addressless or tried recently.</summary>
    public bool Offer(DiscoveredPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.PeerId == _dialer.LocalPeer || peer.Addresses.Count == 0 || _dialer.IsConnected(peer.PeerId))
        {
            return false;
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_lastAttempt.TryGetValue(peer.PeerId, out var last) && now - last < _retryInterval)
            {
                return false;
            }

            _lastAttempt[peer.PeerId] = now;
        }

        DiscoveryLog.Discovered(_logger, peer.PeerId, peer.Source, peer.Addresses.Count);
        return _queue.Writer.TryWrite(peer);
    }

    /// <summary>Stops the workers (dials in flight are cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var peer in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await DialAsync(peer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task DialAsync(DiscoveredPeer peer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await _dialer.DialAsync(peer.PeerId, peer.Addresses, timeout.Token).ConfigureAwait(false);
            PeerConnected?.Invoke(peer);
        }
        catch (Exception exception)
        {
            // A discovered peer that cannot be reached is normal (stale mDNS, NAT); it may be offered again later.
            // During shutdown the failure is just the cancellation and is not worth a log line.
            if (!cancellationToken.IsCancellationRequested)
            {
                DiscoveryLog.DiscoveredDialFailed(_logger, exception, peer.PeerId);
            }
        }
    }
}
