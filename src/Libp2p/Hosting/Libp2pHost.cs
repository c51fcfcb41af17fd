using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multistream;
using DePinGpu.Libp2p.PeerRecords;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// A libp2p host over TCP + Noise + Yamux, wire-compatible with js/go/rust libp2p. It listens and dials,
/// routes inbound streams to handlers registered per protocol (listed in identify, with identify push when
/// they change), answers identify and ping, keeps a peer store, and enforces connection limits. Events are
/// raised synchronously on connection tasks: keep subscribers short and non-blocking.
/// Constructing a host starts nothing: <see cref="StartAsync"/> (the hosted-service start) listens on
/// <see cref="Libp2pHostOptions.ListenAddresses"/> and starts the idle-connection sweep; an explicit
/// <see cref="ListenAsync"/> or dial starts the host too, so a host used without a Generic Host needs no extra call.
/// </summary>
public sealed partial class Libp2pHost : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TaskTracker _tasks;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _handlersGate = new();
    private readonly IdentifyService _identify;
    private Dictionary<string, StreamHandler> _handlers = new(StringComparer.Ordinal);
    private int _started;
    private int _stopped;

    /// <summary>Creates a host with <paramref name="identity"/> as its key (Ed25519 or secp256k1).</summary>
    public Libp2pHost(PrivateKey identity, Libp2pHostOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Identity = identity;
        LocalPeerId = identity.PeerId;
        Options = options ?? new Libp2pHostOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<Libp2pHost>();
        _tasks = new TaskTracker(_logger);
        _handshakes = new PendingHandshakeLimiter(Options.Limits);
        PeerStore = new PeerStore(Options.Limits.MaxPeerStoreEntries, IsConnected, _knownSources.Add);
        _identify = new IdentifyService(this, _logger);
        _handlers[IdentifyService.ProtocolId] = _identify.HandleIdentifyAsync;
        _handlers[IdentifyService.PushProtocolId] = _identify.HandlePushAsync;
        _handlers[PingService.ProtocolId] = PingService.HandleAsync;
        Metrics = new Libp2pHostMetrics(this);
    }

    /// <summary>Raised when a connection (inbound or outbound) is established.</summary>
    public event Action<Libp2pConnection>? ConnectionOpened;

    /// <summary>Raised when a connection has closed.</summary>
    public event Action<Libp2pConnection>? ConnectionClosed;

    /// <summary>Raised when the first connection to a peer opens.</summary>
    public event Action<Libp2pConnection>? PeerConnected;

    /// <summary>Raised when the last connection to a peer closes.</summary>
    public event Action<PeerId>? PeerDisconnected;

    /// <summary>Raised after identify (or an identify push) updated a peer's protocols and addresses.</summary>
    public event Action<PeerInfo>? PeerIdentified;

    /// <summary>The host's private key.</summary>
    public PrivateKey Identity { get; }

    /// <summary>The host's peer id.</summary>
    public PeerId LocalPeerId { get; }

    /// <summary>The options in force.</summary>
    public Libp2pHostOptions Options { get; }

    /// <summary>The host's instruments (meter <see cref="Libp2pHostMetrics.MeterName"/>).</summary>
    public Libp2pHostMetrics Metrics { get; }

    /// <summary>True once the host has started and until it stops.</summary>
    public bool IsRunning => Volatile.Read(ref _started) == 1 && Volatile.Read(ref _stopped) == 0;

    /// <summary>Known peers, their addresses and identify data.</summary>
    public PeerStore PeerStore { get; }

    /// <summary>Protocols with a registered handler (what identify advertises), sorted.</summary>
    public IReadOnlyList<string> Protocols
    {
        get
        {
            lock (_handlersGate)
            {
                return [.. _handlers.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Routes inbound streams that negotiate <paramref name="protocol"/> to <paramref name="handler"/>,
    /// replacing any earlier handler. Connected peers are told through identify push.
    /// </summary>
    public void SetStreamHandler(string protocol, StreamHandler handler)
    {
        MultistreamSelect.ValidateProtocolId(protocol);
        ArgumentNullException.ThrowIfNull(handler);
        bool added;
        lock (_handlersGate)
        {
            added = !_handlers.ContainsKey(protocol);
            _handlers = new Dictionary<string, StreamHandler>(_handlers, StringComparer.Ordinal) { [protocol] = handler };
        }

        if (added)
        {
            PushIdentifyToAll();
        }
    }

    /// <summary>Stops handling <paramref name="protocol"/>; returns false if no handler was registered.</summary>
    public bool RemoveStreamHandler(string protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        lock (_handlersGate)
        {
            if (!_handlers.ContainsKey(protocol))
            {
                return false;
            }

            var copy = new Dictionary<string, StreamHandler>(_handlers, StringComparer.Ordinal);
            copy.Remove(protocol);
            _handlers = copy;
        }

        PushIdentifyToAll();
        return true;
    }

    /// <summary>Pings <paramref name="peer"/> with <c>/ipfs/ping/1.0.0</c> (dialling if needed); returns the round trip.</summary>
    public async Task<TimeSpan> PingAsync(PeerId peer, CancellationToken cancellationToken = default)
    {
        var connection = await DialAsync(peer, cancellationToken).ConfigureAwait(false);
        return await PingService.PingAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the idle-connection sweep and listens on every address of <see cref="Libp2pHostOptions.ListenAddresses"/>.
    /// Calling it again does nothing; a stopped host cannot start again.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!EnsureStarted())
        {
            return;
        }

        foreach (var address in Options.ListenAddresses)
        {
            await ListenAsync(address, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops listening, closes every connection with GoAway and waits (up to the grace period) for handlers and
    /// background work to finish. <paramref name="cancellationToken"/> is not used: the grace period bounds the wait.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        StopListeners();
        await Task.WhenAll(Connections.Select(connection => connection.CloseAsync())).ConfigureAwait(false);
        if (!await _tasks.WhenAllAsync(Options.ShutdownGracePeriod).ConfigureAwait(false))
        {
            HostLog.ShutdownIncomplete(_logger, _tasks.Count);
        }
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Metrics.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Starts background work once; false when it had already started.</summary>
    private bool EnsureStarted()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return false;
        }

        _tasks.Run(IdleSweepLoopAsync);
        return true;
    }

    internal StreamHandler? FindHandler(string protocol)
    {
        lock (_handlersGate)
        {
            return _handlers.GetValueOrDefault(protocol);
        }
    }

    internal ILogger CreateLogger(string category) => _loggerFactory.CreateLogger(category);

    internal void RaisePeerIdentified(PeerInfo info) => Raise(PeerIdentified, info, nameof(PeerIdentified));

    private void PushIdentifyToAll()
    {
        foreach (var connection in Connections)
        {
            _tasks.Run(() => _identify.PushAsync(connection, connection.Closing));
        }
    }

    private void Raise<T>(Action<T>? handlers, T argument, string name)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<T>>())
        {
            try
            {
                handler(argument);
            }
            catch (Exception exception)
            {
                // A subscriber's bug must not break the connection that raised the event; it is logged.
                HostLog.EventHandlerFailed(_logger, name, exception);
            }
        }
    }
}
