using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>
/// Keeps the configured bootstrap peers connected: dials each one that is not connected, backs off exponentially
/// (with jitter) while it stays unreachable, and redials as soon as a connection is lost.
/// </summary>
public sealed class BootstrapDiscovery : IAsyncDisposable
{
    private readonly IPeerDialer _dialer;
    private readonly BootstrapOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<PeerId, IReadOnlyList<Multiaddr>> _addresses = [];
    private readonly BootstrapSchedule _schedule;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <summary>
    /// Creates the service for <paramref name="bootstrapAddresses"/>; each must end in <c>/p2p/&lt;peer id&gt;</c>
    /// (throws <see cref="ArgumentException"/> otherwise). Addresses of the same peer are grouped.
    /// </summary>
    public BootstrapDiscovery(
        IEnumerable<Multiaddr> bootstrapAddresses,
        IPeerDialer dialer,
        BootstrapOptions? options = null,
        ILogger? logger = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(bootstrapAddresses);
        _dialer = dialer ?? throw new ArgumentNullException(nameof(dialer));
        _options = options ?? new BootstrapOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _schedule = new BootstrapSchedule(_options, _time, new Random());
        foreach (var group in bootstrapAddresses.GroupBy(address => address.PeerId
            ?? throw new ArgumentException($"Bootstrap address {address} has no /p2p/<peer id> suffix.", nameof(bootstrapAddresses))))
        {
            if (group.Key == dialer.LocalPeer)
            {
                continue;
            }

            _addresses[group.Key] = group.Select(address => address.WithoutPeerId()).Distinct().ToList();
            _schedule.Add(group.Key);
        }
    }

    /// <summary>The bootstrap peers (excluding ourselves).</summary>
    public IReadOnlyCollection<PeerId> Peers => _addresses.Keys;

    /// <summary>Raised after a successful dial of a bootstrap peer.</summary>
    public event Action<DiscoveredPeer>? PeerConnected;

    /// <summary>Consecutive failed dials of <paramref name="peer"/> (for diagnostics).</summary>
    public int FailureCount(PeerId peer)
    {
        lock (_gate)
        {
            return _schedule.Failures(peer);
        }
    }

    /// <summary>Starts the reconnect loop.</summary>
    public void Start() => _loop ??= RunAsync(_stopping.Token);

    /// <summary>Stops the loop and waits for dials in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var dials = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                dials.RemoveAll(task => task.IsCompleted);
                List<PeerId> due;
                lock (_gate)
                {
                    due = _schedule.Due(_dialer.IsConnected);
                    due.ForEach(_schedule.MarkDialing);
                }

                dials.AddRange(due.Select(peer => DialAsync(peer, cancellationToken)));
                await Task.Delay(_options.CheckInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: fall through and wait for the dials in flight.
        }

        await Task.WhenAll(dials).ConfigureAwait(false);
    }

    private async Task DialAsync(PeerId peer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DialTimeout);
        try
        {
            await _dialer.DialAsync(peer, _addresses[peer], timeout.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _schedule.RecordSuccess(peer);
            }

            DiscoveryLog.BootstrapConnected(_logger, peer);
            PeerConnected?.Invoke(new DiscoveredPeer(peer, _addresses[peer], DiscoverySource.Bootstrap));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the outcome of this dial no longer matters.
        }
        catch (Exception exception) when (exception is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            TimeSpan backoff;
            int failures;
            lock (_gate)
            {
                backoff = _schedule.RecordFailure(peer);
                failures = _schedule.Failures(peer);
            }

            DiscoveryLog.BootstrapFailed(_logger, exception, peer, failures, backoff);
        }
    }
}
