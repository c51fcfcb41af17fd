using System.Net;
using System.Net.Sockets;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Dialling peers and opening streams to them.</summary>
public sealed partial class Libp2pHost
{
    /// <summary>
    /// Connects to <paramref name="address"/> (<c>/ip4|ip6|dns|dns4|dns6/…/tcp/…[/p2p/…]</c>). With a
    /// <c>/p2p/</c> part the remote must authenticate as that peer, and an open connection to it is reused.
    /// Throws <see cref="IOException"/> (or <see cref="Libp2pProtocolException"/>) when the dial fails.
    /// </summary>
    public Task<Libp2pConnection> DialAsync(Multiaddr address, CancellationToken cancellationToken = default) =>
        DialAsync(address, forceNewConnection: false, cancellationToken);

    /// <summary>
    /// Like <see cref="DialAsync(Multiaddr, CancellationToken)"/>; with <paramref name="forceNewConnection"/> a new
    /// connection is made even when one to the peer is open (js-libp2p's <c>force</c> dial option).
    /// </summary>
    public async Task<Libp2pConnection> DialAsync(Multiaddr address, bool forceNewConnection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        EnsureStarted();
        var expected = address.PeerId;
        if (expected == LocalPeerId)
        {
            throw new ArgumentException($"{address} is this host's own address.", nameof(address));
        }

        if (expected is not null && !forceNewConnection && FirstOpenConnection(expected) is { } existing)
        {
            return existing;
        }

        if (!address.TryGetTcpTarget(out var host, out var port))
        {
            throw new ArgumentException($"Cannot dial {address}: only /ip4, /ip6, /dns, /dns4 or /dns6 followed by /tcp (and optionally /p2p) are supported.", nameof(address));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(Options.Limits.HandshakeTimeout);
        try
        {
            var connection = await ConnectAndUpgradeAsync(host, port, expected, timeout.Token).ConfigureAwait(false);
            PeerStore.AddAddresses(connection.RemotePeer, [address]);
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            HostLog.DialFailed(_logger, address.ToString(), "timed out");
            throw new IOException($"Dialling {address} did not complete within {Options.Limits.HandshakeTimeout.TotalSeconds:0} s.");
        }
        catch (SocketException exception)
        {
            HostLog.DialFailed(_logger, address.ToString(), exception.Message);
            throw new IOException($"Could not connect to {address}: {exception.Message}", exception);
        }
    }

    /// <summary>Returns an open connection to <paramref name="peer"/>, dialling its known addresses if there is none.</summary>
    public async Task<Libp2pConnection> DialAsync(PeerId peer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (FirstOpenConnection(peer) is { } existing)
        {
            return existing;
        }

        var addresses = PeerStore.Get(peer)?.ListenAddresses ?? [];
        if (addresses.Count == 0)
        {
            throw new IOException($"No connection to {peer} and no known address for it; add one with PeerStore.AddAddresses or dial a multiaddr.");
        }

        var failures = new List<string>();
        foreach (var address in addresses)
        {
            try
            {
                return await DialAsync(address.WithPeerId(peer), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                failures.Add($"{address}: {exception.Message}");
            }
        }

        throw new IOException($"Could not reach {peer}: {string.Join("; ", failures)}");
    }

    /// <summary>
    /// Opens a stream to <paramref name="peer"/> (dialling if needed), proposing <paramref name="protocols"/> in
    /// order. Throws <see cref="MultistreamRefusedException"/> when the peer supports none of them.
    /// </summary>
    public async Task<Libp2pStream> OpenStreamAsync(PeerId peer, IReadOnlyList<string> protocols, CancellationToken cancellationToken = default)
    {
        var connection = await DialAsync(peer, cancellationToken).ConfigureAwait(false);
        return await connection.OpenStreamAsync(protocols, cancellationToken).ConfigureAwait(false);
    }

    private Libp2pConnection? FirstOpenConnection(PeerId peer) =>
        GetConnections(peer).FirstOrDefault(connection => !connection.IsClosed);

    private async Task<Libp2pConnection> ConnectAndUpgradeAsync(MultiaddrComponent host, int port, PeerId? expected, CancellationToken cancellationToken)
    {
        var targets = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(targets[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var stream = (NetworkStream?)null;
        try
        {
            await socket.ConnectAsync(targets, port, cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            var secure = await ConnectionUpgrader.UpgradeOutboundAsync(stream, Identity, expected, Options.EarlyMuxerNegotiation, cancellationToken)
                .ConfigureAwait(false);
            var connection = CreateConnection(secure, ConnectionDirection.Outbound, socket);
            if (await ActivateAsync(connection).ConfigureAwait(false) is { } refusal)
            {
                throw new IOException($"The connection to {connection.RemotePeer} was refused: {refusal}.");
            }

            _tasks.Run(() => ServeAsync(connection));
            return connection;
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(MultiaddrComponent host, CancellationToken cancellationToken)
    {
        if (host.Protocol == MultiaddrProtocol.Ip4 || host.Protocol == MultiaddrProtocol.Ip6)
        {
            return [host.ToIPAddress()];
        }

        var family = host.Protocol == MultiaddrProtocol.Dns4 ? AddressFamily.InterNetwork
            : host.Protocol == MultiaddrProtocol.Dns6 ? AddressFamily.InterNetworkV6
            : AddressFamily.Unspecified;
        var addresses = await Dns.GetHostAddressesAsync(host.ValueText, family, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0 ? addresses : throw new IOException($"{host.ValueText} did not resolve to any address.");
    }
}
