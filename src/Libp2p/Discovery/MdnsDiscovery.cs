using System.Net;
using System.Net.Sockets;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>
/// libp2p mDNS discovery: periodically asks the LAN for <c>_p2p._udp.local</c>, answers such queries (including our
/// own) with our addresses as <c>dnsaddr=</c> TXT strings, and reports peers found in answers.
/// </summary>
public sealed class MdnsDiscovery : IAsyncDisposable
{
    private readonly PeerId _localPeer;
    private readonly Func<IReadOnlyList<Multiaddr>> _localAddresses;
    private readonly MdnsOptions _options;
    private readonly ILogger _logger;
    private readonly string _instance = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private readonly CancellationTokenSource _stopping = new();
    private UdpClient? _socket;
    private Task? _receiving;
    private Task? _querying;

    /// <summary>Creates the service; <paramref name="localAddresses"/> supplies our current listen addresses.</summary>
    public MdnsDiscovery(PeerId localPeer, Func<IReadOnlyList<Multiaddr>> localAddresses, MdnsOptions? options = null, ILogger? logger = null)
    {
        _localPeer = localPeer ?? throw new ArgumentNullException(nameof(localPeer));
        _localAddresses = localAddresses ?? throw new ArgumentNullException(nameof(localAddresses));
        _options = options ?? new MdnsOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised for every peer (not us) found in an mDNS answer.</summary>
    public event Action<DiscoveredPeer>? PeerDiscovered;

    /// <summary>Opens the multicast socket and starts querying and answering.</summary>
    public void Start()
    {
        if (_socket is not null)
        {
            return;
        }

        var socket = new UdpClient(AddressFamily.InterNetwork);
        socket.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Client.Bind(new IPEndPoint(IPAddress.Any, _options.Port));
        socket.JoinMulticastGroup(_options.Group);
        socket.MulticastLoopback = true;
        _socket = socket;
        _receiving = ReceiveAsync(socket, _stopping.Token);
        _querying = QueryAsync(socket, _stopping.Token);
    }

    /// <summary>Stops both loops and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        foreach (var task in new[] { _receiving, _querying }.OfType<Task>())
        {
            await task.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task QueryAsync(UdpClient socket, CancellationToken cancellationToken)
    {
        var query = MdnsMessage.EncodeQuery();
        var group = new IPEndPoint(_options.Group, _options.Port);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await SendAsync(socket, query, group, cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.QueryInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task ReceiveAsync(UdpClient socket, CancellationToken cancellationToken)
    {
        var group = new IPEndPoint(_options.Group, _options.Port);
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                DiscoveryLog.MdnsSocketError(_logger, exception);
                continue;
            }

            await HandleAsync(socket, datagram, group, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(UdpClient socket, UdpReceiveResult datagram, IPEndPoint group, CancellationToken cancellationToken)
    {
        MdnsPacket packet;
        try
        {
            packet = MdnsMessage.Decode(datagram.Buffer);
        }
        catch (FormatException exception)
        {
            DiscoveryLog.MalformedMdns(_logger, datagram.RemoteEndPoint.ToString(), exception.Message);
            return;
        }

        if (packet.AsksForService)
        {
            var addresses = _localAddresses().Select(address => address.WithPeerId(_localPeer).ToString()).ToList();
            if (addresses.Count > 0)
            {
                await SendAsync(socket, MdnsMessage.EncodeResponse(_instance, addresses, _options.TimeToLiveSeconds), group, cancellationToken).ConfigureAwait(false);
            }
        }

        if (packet.IsResponse)
        {
            foreach (var peer in ToPeers(packet.Addresses))
            {
                PeerDiscovered?.Invoke(peer);
            }
        }
    }

    private IEnumerable<DiscoveredPeer> ToPeers(IReadOnlyList<string> texts)
    {
        var parsed = texts
            .Select(text => Multiaddr.TryParse(text, out var address) ? address : null)
            .OfType<Multiaddr>()
            .Where(address => address.PeerId is not null && address.PeerId != _localPeer);
        return parsed.GroupBy(address => address.PeerId!)
            .Select(group => new DiscoveredPeer(group.Key, group.Select(address => address.WithoutPeerId()).Distinct().ToList(), DiscoverySource.Mdns));
    }

    private async Task SendAsync(UdpClient socket, byte[] packet, IPEndPoint group, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendAsync(packet, group, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the packet no longer matters.
        }
        catch (SocketException exception)
        {
            // No multicast route (e.g. a host without a LAN interface): discovery degrades, the node keeps running.
            DiscoveryLog.MdnsSocketError(_logger, exception);
        }
    }
}
