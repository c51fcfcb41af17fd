using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DePinGpu.TestSupport.Faults;

/// <summary>
/// A loopback TCP proxy in front of one loopback target that a test opens, closes (new connections refused, existing
/// ones reset), blackholes (connections accepted, bytes dropped) or slows down (every chunk forwarded after a delay),
/// to cut a program off from a server the way a failing network or a dead endpoint does. Starts open on a free port;
/// disposing it resets every connection and stops listening.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<TcpProxyConnection, byte> _connections = new();
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentBag<Task> _pumping = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _delayTicks;
    private long _accepted;
    private long _dropped;
    private volatile TcpProxyMode _mode = TcpProxyMode.Closed;

    private TcpProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    /// <summary>The loopback port the proxy listens on (the same across close and open).</summary>
    public int Port { get; }

    /// <summary>The proxy as an http URL (for an HTTP client of the target).</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>What the proxy does now.</summary>
    public TcpProxyMode Mode => _mode;

    /// <summary>How long every chunk waits before it is forwarded (zero: none).</summary>
    public TimeSpan Delay => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));

    /// <summary>Connections accepted since the start (a test can see that a client came).</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Bytes read and dropped while blackholed (a test can wait for them instead of sleeping).</summary>
    public long DroppedBytes => Interlocked.Read(ref _dropped);

    /// <summary>Starts an open proxy on a free loopback port in front of <paramref name="target"/>, which must be a loopback endpoint.</summary>
    public static TcpProxy Start(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IPAddress.IsLoopback(target.Address))
        {
            throw new ArgumentException($"The target {target} is not a loopback address; tests reach nothing else.", nameof(target));
        }

        var proxy = new TcpProxy(target, FreePort.Next());
        proxy.Open();
        return proxy;
    }

    /// <summary>Starts an open proxy in front of the host and port of <paramref name="target"/> (a loopback http URL).</summary>
    public static TcpProxy Start(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Start(new IPEndPoint(IPAddress.Parse(target.Host), target.Port));
    }

    /// <summary>Listens again (when closed) and forwards bytes on every connection.</summary>
    public void Open()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            _mode = TcpProxyMode.Open;
            StartListening();
        }
    }

    /// <summary>Stops listening (new connections are refused) and resets every existing connection.</summary>
    public async Task CloseAsync()
    {
        Task accepting;
        lock (_gate)
        {
            _mode = TcpProxyMode.Closed;
            accepting = StopListening();
        }

        await accepting.ConfigureAwait(false);
        ResetAll();
    }

    /// <summary>Keeps accepting connections but drops every byte from now on, in both directions.</summary>
    public void Blackhole()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            _mode = TcpProxyMode.Blackholed;
            StartListening();
        }
    }

    /// <summary>Forwards every later chunk after <paramref name="delay"/> (zero removes the delay).</summary>
    public void SetDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Interlocked.Exchange(ref _delayTicks, delay.Ticks);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task accepting;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            _mode = TcpProxyMode.Closed;
            accepting = StopListening();
        }

        await accepting.ConfigureAwait(false);
        ResetAll();
        await Task.WhenAll(_pumping).ConfigureAwait(false);
        _disposed.Dispose();
    }

    internal void Forget(TcpProxyConnection connection) => _connections.TryRemove(connection, out _);

    internal void Dropped(int bytes) => Interlocked.Add(ref _dropped, bytes);

    private void StartListening()
    {
        if (_listener is not null)
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    private Task StopListening()
    {
        _listener?.Stop();
        _listener = null;
        return _accepting;
    }

    private void ResetAll()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Reset();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_disposed.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                // The listener was stopped (closed or disposed): no more connections. Stopped between two accepts, the
                // next one says "Not listening" (InvalidOperationException) instead of failing the pending accept.
                return;
            }

            Interlocked.Increment(ref _accepted);
            var connection = new TcpProxyConnection(this, client);
            _connections[connection] = 0;
            _pumping.Add(connection.RunAsync(_target, _mode == TcpProxyMode.Blackholed));
        }
    }
}
