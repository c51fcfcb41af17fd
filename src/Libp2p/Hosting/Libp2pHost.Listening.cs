using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using DePinGpu.Libp2p.Addressing;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Listening: bound sockets, the accept loop and the inbound handshake.</summary>
public sealed partial class Libp2pHost
{
    private readonly Lock _listenersGate = new();
    private readonly List<(Socket Socket, Multiaddr Address)> _listeners = [];
    private int _pendingHandshakes;

    /// <summary>The addresses this host listens on, as bound (port 0 replaced by the real port).</summary>
    public IReadOnlyList<Multiaddr> ListenAddresses
    {
        get
        {
            lock (_listenersGate)
            {
                return [.. _listeners.Select(listener => listener.Address)];
            }
        }
    }

    /// <summary>
    /// The addresses advertised to peers: listen addresses, with wildcard binds (<c>0.0.0.0</c>, <c>::</c>)
    /// expanded to this machine's interface addresses.
    /// </summary>
    public IReadOnlyList<Multiaddr> AdvertisedAddresses => [.. ListenAddresses.SelectMany(ExpandWildcard).Distinct()];

    /// <summary>
    /// Starts accepting connections on a <c>/ip4/…/tcp/…</c> or <c>/ip6/…/tcp/…</c> address (port 0 picks a free
    /// port) and returns the bound address.
    /// </summary>
    public Task<Multiaddr> ListenAsync(Multiaddr address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        EnsureStarted();
        if (!address.TryGetTcpTarget(out var host, out var port)
            || (host.Protocol != MultiaddrProtocol.Ip4 && host.Protocol != MultiaddrProtocol.Ip6))
        {
            throw new ArgumentException($"Cannot listen on {address}: use /ip4/<address>/tcp/<port> or /ip6/<address>/tcp/<port>.", nameof(address));
        }

        var endPoint = new IPEndPoint(host.ToIPAddress(), port);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(endPoint);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var bound = Multiaddr.FromTcpEndPoint((IPEndPoint)socket.LocalEndPoint!);
        lock (_listenersGate)
        {
            _listeners.Add((socket, bound));
        }

        HostLog.Listening(_logger, LocalPeerId.ToString(), bound.ToString());
        _tasks.Run(() => AcceptLoopAsync(socket));
        return Task.FromResult(bound);
    }

    private void StopListeners()
    {
        lock (_listenersGate)
        {
            foreach (var (socket, _) in _listeners)
            {
                socket.Dispose();
            }
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The listener was closed (shutdown) or the socket failed; either way accepting ends.
                return;
            }

            var remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
            var refusal = CheckInboundCapacity();
            if (refusal is not null)
            {
                HostLog.ConnectionRefused(_logger, remote, refusal);
                socket.Dispose();
                continue;
            }

            _tasks.Run(() => HandleInboundAsync(socket, remote));
        }
    }

    private string? CheckInboundCapacity()
    {
        if (ConnectionCount + Volatile.Read(ref _pendingHandshakes) >= Options.Limits.MaxConnections)
        {
            return $"the limit of {Options.Limits.MaxConnections} connections is reached";
        }

        if (Interlocked.Increment(ref _pendingHandshakes) > Options.Limits.MaxPendingHandshakes)
        {
            Interlocked.Decrement(ref _pendingHandshakes);
            return $"{Options.Limits.MaxPendingHandshakes} handshakes are already in progress";
        }

        return null;
    }

    private async Task HandleInboundAsync(Socket socket, string remote)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        Libp2pConnection connection;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(Options.Limits.HandshakeTimeout);
            socket.NoDelay = true;
            var secure = await ConnectionUpgrader.UpgradeInboundAsync(stream, Identity, Options.EarlyMuxerNegotiation, timeout.Token).ConfigureAwait(false);
            connection = CreateConnection(secure, ConnectionDirection.Inbound, socket);
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            var reason = exception is OperationCanceledException ? $"no handshake within {Options.Limits.HandshakeTimeout.TotalSeconds:0} s" : exception.Message;
            HostLog.InboundHandshakeFailed(_logger, remote, reason);
            await stream.DisposeAsync().ConfigureAwait(false);
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _pendingHandshakes);
        }

        if (await ActivateAsync(connection).ConfigureAwait(false) is null)
        {
            await ServeAsync(connection).ConfigureAwait(false);
        }
    }

    private static bool IsConnectionFailure(Exception exception) =>
        exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException or FormatException;

    private static IEnumerable<Multiaddr> ExpandWildcard(Multiaddr address)
    {
        if (!address.TryGetTcpTarget(out var host, out var port)
            || (host.Protocol != MultiaddrProtocol.Ip4 && host.Protocol != MultiaddrProtocol.Ip6))
        {
            return [address];
        }

        var ip = host.ToIPAddress();
        if (!ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any))
        {
            return [address];
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(candidate => candidate.AddressFamily == ip.AddressFamily && !candidate.IsIPv6LinkLocal)
            .Select(candidate => Multiaddr.FromTcpEndPoint(new IPEndPoint(candidate, port)))
            .ToList();
    }
}
