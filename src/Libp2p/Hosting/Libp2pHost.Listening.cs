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
    private readonly KnownSourceAddresses _knownSources = new();
    private readonly PendingHandshakeLimiter _handshakes;

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

    /// <summary>Inbound handshakes in progress now.</summary>
    public int PendingHandshakeCount => _handshakes.Pending;

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

            if (TryAdmitInbound(socket) is not { } handshake)
            {
                socket.Dispose();
                continue;
            }

            _tasks.Run(() => HandleInboundAsync(socket, handshake));
        }
    }

    /// <summary>
    /// Takes a handshake slot for a freshly accepted socket, or logs why not. Refusals by the per-source, per-subnet
    /// and known-peer limits are counted and logged at debug only: a flood must not turn into a flood of warnings.
    /// </summary>
    private PendingHandshake? TryAdmitInbound(Socket socket)
    {
        if (socket.RemoteEndPoint is not IPEndPoint remote)
        {
            return null;
        }

        if (ConnectionCount + _handshakes.Pending >= Options.Limits.MaxConnections)
        {
            Metrics.HandshakeRefused("connections");
            HostLog.ConnectionRefused(_logger, remote.ToString(), $"the limit of {Options.Limits.MaxConnections} connections is reached");
            return null;
        }

        if (!_handshakes.TryAdmit(remote.Address, _knownSources.Contains(remote.Address), out var handshake, out var refusal))
        {
            Metrics.HandshakeRefused(RefusalTag(refusal));
            HostLog.HandshakeRefused(_logger, remote.ToString(), DescribeRefusal(refusal, remote.Address));
            return null;
        }

        return handshake;
    }

    private string DescribeRefusal(PendingHandshakeRefusal refusal, IPAddress source) => refusal switch
    {
        PendingHandshakeRefusal.SourceLimit => $"{Options.Limits.MaxPendingHandshakesPerSource} handshakes from {SourcePrefix.SourceOf(source)} are already in progress",
        PendingHandshakeRefusal.SubnetLimit => $"{Options.Limits.MaxPendingHandshakesPerSubnet} handshakes from {SourcePrefix.SubnetOf(source)} are already in progress",
        PendingHandshakeRefusal.UnknownSourcesShare => $"the {Options.Limits.MaxPendingHandshakes - Options.Limits.PendingHandshakesReservedForKnownPeers} handshakes open to unknown sources are in progress (the rest is kept for known peers)",
        _ => $"{Options.Limits.MaxPendingHandshakes} handshakes are already in progress",
    };

    private static string RefusalTag(PendingHandshakeRefusal refusal) => refusal switch
    {
        PendingHandshakeRefusal.SourceLimit => "source",
        PendingHandshakeRefusal.SubnetLimit => "subnet",
        PendingHandshakeRefusal.UnknownSourcesShare => "unknown_share",
        _ => "total",
    };

    private async Task HandleInboundAsync(Socket socket, PendingHandshake handshake)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        var stream = new NetworkStream(socket, ownsSocket: true);
        Libp2pConnection connection;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(Options.Limits.HandshakeTimeout);
            socket.NoDelay = true;
            if (!await AwaitFirstByteAsync(socket, timeout.Token).ConfigureAwait(false))
            {
                Metrics.HandshakeTimedOut("silent");
                HostLog.InboundHandshakeFailed(_logger, remote, $"sent nothing within {Options.Limits.SilentSocketTimeout.TotalSeconds:0.#} s");
                await stream.DisposeAsync().ConfigureAwait(false);
                return;
            }

            var secure = await ConnectionUpgrader.UpgradeInboundAsync(stream, Identity, Options.EarlyMuxerNegotiation, timeout.Token).ConfigureAwait(false);
            connection = CreateConnection(secure, ConnectionDirection.Inbound, socket);
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            var timedOut = exception is OperationCanceledException;
            if (timedOut)
            {
                Metrics.HandshakeTimedOut("handshake");
            }

            var reason = timedOut ? $"no handshake within {Options.Limits.HandshakeTimeout.TotalSeconds:0} s" : exception.Message;
            HostLog.InboundHandshakeFailed(_logger, remote, reason);
            await stream.DisposeAsync().ConfigureAwait(false);
            return;
        }
        finally
        {
            handshake.Dispose();
        }

        if (await ActivateAsync(connection).ConfigureAwait(false) is null)
        {
            await ServeAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits (without consuming it) for the socket's first byte; false when none came within
    /// <see cref="ConnectionLimits.SilentSocketTimeout"/>. A closed socket counts as spoken: the handshake then fails on its own.
    /// </summary>
    private async Task<bool> AwaitFirstByteAsync(Socket socket, CancellationToken handshakeToken)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(handshakeToken);
        silence.CancelAfter(Options.Limits.SilentSocketTimeout);
        try
        {
            await socket.ReceiveAsync(new byte[1], SocketFlags.Peek, silence.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!handshakeToken.IsCancellationRequested)
        {
            return false;
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
