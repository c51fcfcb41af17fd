using System.Net;
using System.Net.Sockets;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multistream;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>The connection manager: registry, limits, per-connection stream dispatch and idle closing.</summary>
public sealed partial class Libp2pHost
{
    private readonly Lock _connectionsGate = new();
    private readonly Dictionary<PeerId, List<Libp2pConnection>> _connections = [];
    private int _connectionCount;

    /// <summary>All open connections.</summary>
    public IReadOnlyList<Libp2pConnection> Connections
    {
        get
        {
            lock (_connectionsGate)
            {
                return [.. _connections.Values.SelectMany(list => list)];
            }
        }
    }

    /// <summary>Number of open connections.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Peers with at least one open connection.</summary>
    public IReadOnlyList<PeerId> ConnectedPeers
    {
        get
        {
            lock (_connectionsGate)
            {
                return [.. _connections.Keys];
            }
        }
    }

    /// <summary>Open connections to <paramref name="peer"/>.</summary>
    public IReadOnlyList<Libp2pConnection> GetConnections(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_connectionsGate)
        {
            return _connections.TryGetValue(peer, out var list) ? [.. list] : [];
        }
    }

    /// <summary>True when at least one connection to <paramref name="peer"/> is open.</summary>
    public bool IsConnected(PeerId peer)
    {
        lock (_connectionsGate)
        {
            return _connections.ContainsKey(peer);
        }
    }

    private Libp2pConnection CreateConnection(NoiseSecureStream secure, ConnectionDirection direction, Socket socket)
    {
        var remoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        var yamuxOptions = Options.Yamux with
        {
            MaxInboundStreams = Options.Limits.MaxInboundStreamsPerConnection,
            MaxOutboundStreams = Options.Limits.MaxOutboundStreamsPerConnection,
        };
        var remoteName = $"{secure.RemotePeerId} ({remoteEndPoint})";
        var session = new YamuxSession(secure, isClient: direction == ConnectionDirection.Outbound, yamuxOptions, _logger, remoteName);
        return new Libp2pConnection(session, secure.RemotePublicKey, direction, remoteEndPoint, (IPEndPoint)socket.LocalEndPoint!, Options.Limits.StreamNegotiationTimeout)
        {
            OutboundStreamOpened = protocol => Metrics.StreamOpened(ConnectionDirection.Outbound, protocol),
        };
    }

    /// <summary>
    /// Registers a freshly upgraded connection and starts its session, or returns why it is refused (limits,
    /// shutdown). On success the open events are raised and identify starts.
    /// </summary>
    private async Task<string?> ActivateAsync(Libp2pConnection connection)
    {
        var refusal = TryRegister(connection, out var firstForPeer);
        connection.Session.Start();
        if (refusal is not null)
        {
            HostLog.ConnectionRefused(_logger, connection.RemoteAddress.ToString(), refusal);
            connection.Session.Abort(refusal);
            await connection.Session.DisposeAsync().ConfigureAwait(false);
            connection.MarkClosed();
            return refusal;
        }

        HostLog.ConnectionOpened(_logger, connection.Direction, connection.RemotePeer.ToString(), connection.RemoteAddress.ToString());
        if (connection.Direction == ConnectionDirection.Outbound)
        {
            _knownSources.Add([connection.RemoteAddress]);
        }

        Metrics.ConnectionOpened(connection.Direction);
        PeerStore.AddPublicKey(connection.RemotePeer, connection.RemotePublicKey);
        Raise(ConnectionOpened, connection, nameof(ConnectionOpened));
        if (firstForPeer)
        {
            Raise(PeerConnected, connection, nameof(PeerConnected));
        }

        _tasks.Run(() => _identify.IdentifyAsync(connection, connection.Closing));
        return null;
    }

    /// <summary>Dispatches the connection's inbound streams until it closes, then unregisters it.</summary>
    private async Task ServeAsync(Libp2pConnection connection)
    {
        try
        {
            while (await connection.Session.AcceptStreamAsync().ConfigureAwait(false) is { } stream)
            {
                _tasks.Run(() => HandleInboundStreamAsync(connection, stream));
            }

            await connection.Session.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            connection.MarkClosed();
            Unregister(connection);
        }
    }

    private string? TryRegister(Libp2pConnection connection, out bool firstForPeer)
    {
        firstForPeer = false;
        lock (_connectionsGate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return "the host is stopping";
            }

            if (_connectionCount >= Options.Limits.MaxConnections)
            {
                return $"the limit of {Options.Limits.MaxConnections} connections is reached";
            }

            if (!_connections.TryGetValue(connection.RemotePeer, out var list))
            {
                list = [];
                _connections[connection.RemotePeer] = list;
                firstForPeer = true;
            }
            else if (list.Count >= Options.Limits.MaxConnectionsPerPeer)
            {
                return $"the limit of {Options.Limits.MaxConnectionsPerPeer} connections to {connection.RemotePeer} is reached";
            }

            list.Add(connection);
            _connectionCount++;
            return null;
        }
    }

    private void Unregister(Libp2pConnection connection)
    {
        var lastForPeer = false;
        lock (_connectionsGate)
        {
            if (_connections.TryGetValue(connection.RemotePeer, out var list) && list.Remove(connection))
            {
                _connectionCount--;
                Metrics.ConnectionClosed(connection);
                if (list.Count == 0)
                {
                    _connections.Remove(connection.RemotePeer);
                    lastForPeer = true;
                }
            }
        }

        HostLog.ConnectionClosed(_logger, connection.RemotePeer.ToString(), connection.RemoteAddress.ToString(), connection.CloseReason ?? "closed");
        Raise(ConnectionClosed, connection, nameof(ConnectionClosed));
        if (lastForPeer)
        {
            Raise(PeerDisconnected, connection.RemotePeer, nameof(PeerDisconnected));
        }
    }

    private async Task HandleInboundStreamAsync(Libp2pConnection connection, YamuxStream stream)
    {
        string protocol;
        StreamHandler? handler = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Closing);
            timeout.CancelAfter(Options.Limits.StreamNegotiationTimeout);
            protocol = await MultistreamSelect.HandleAsync(
                stream,
                candidate => (handler = FindHandler(candidate)) is not null,
                () => Protocols,
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            HostLog.StreamNegotiationFailed(_logger, connection.RemotePeer.ToString(), exception.Message);
            stream.Reset();
            return;
        }

        Metrics.StreamOpened(ConnectionDirection.Inbound, protocol);
        var libp2pStream = new Libp2pStream(stream, protocol, connection);
        try
        {
            await handler!(libp2pStream, connection.Closing).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException && connection.IsClosed)
        {
            // The connection went away under the handler: expected during shutdown or peer loss.
        }
        catch (Exception exception)
        {
            // A handler fault must not take the connection down: log it and reset this one stream.
            HostLog.HandlerFailed(_logger, protocol, connection.RemotePeer.ToString(), exception);
            libp2pStream.Reset();
        }
        finally
        {
            await libp2pStream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task IdleSweepLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (Options.Limits.IdleTimeout is not { } idleTimeout)
                {
                    continue;
                }

                foreach (var connection in Connections.Where(connection => connection.Session.IdleTime > idleTimeout))
                {
                    HostLog.ClosingConnection(_logger, connection.RemotePeer.ToString(), $"no streams for {idleTimeout.TotalSeconds:0} s");
                    _tasks.Run(() => connection.CloseAsync());
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }
}
