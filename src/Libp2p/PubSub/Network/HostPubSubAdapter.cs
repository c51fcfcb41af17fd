using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Network;

/// <summary>
/// Binds pubsub and discovery to a <see cref="Libp2pHost"/>: stream handlers, streams opened on an existing
/// connection, connection events (with direction and remote IP for scoring) and dialing through the peer store.
/// </summary>
public sealed class HostPubSubAdapter : IPubSubHost, IPeerDialer, IDisposable
{
    private readonly Libp2pHost _host;
    private readonly HostPeerDialer _dialer;

    /// <summary>Wraps <paramref name="host"/> and subscribes to its connection events.</summary>
    public HostPubSubAdapter(Libp2pHost host)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _dialer = new HostPeerDialer(host);
        _host.PeerConnected += OnPeerConnected;
        _host.PeerDisconnected += OnPeerDisconnected;
    }

    /// <inheritdoc />
    public event Action<PubSubConnection>? PeerConnected;

    /// <inheritdoc />
    public event Action<PeerId>? PeerDisconnected;

    /// <inheritdoc cref="IPubSubHost.LocalPeer" />
    public PeerId LocalPeer => _host.LocalPeerId;

    /// <inheritdoc />
    public byte[]? SignedPeerRecordOf(PeerId peer) => _host.PeerStore.Get(peer)?.SignedPeerRecord;

    /// <inheritdoc />
    public IReadOnlyList<PubSubConnection> Connections =>
        [.. _host.Connections.Where(connection => !connection.IsClosed).DistinctBy(connection => connection.RemotePeer).Select(ToPubSub)];

    /// <inheritdoc />
    public void SetStreamHandler(string protocol, Func<PubSubStream, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _host.SetStreamHandler(protocol, async (stream, cancellationToken) =>
        {
            // A newer inbound stream replaces the peer's current one (as in js and go). A stream whose connection closed
            // while it was being negotiated is older than anything a reconnect brought, and handing it over would cancel
            // the live reader for a stream that is already dead: the peer's messages would go unread until it reconnects.
            if (stream.Connection.IsClosed)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return;
            }

            await handler(new PubSubStream(stream.RemotePeer, stream.Protocol, stream), cancellationToken).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public async Task<PubSubStream> OpenStreamAsync(PeerId peer, IReadOnlyList<string> protocols, CancellationToken cancellationToken)
    {
        var connection = _host.GetConnections(peer).FirstOrDefault(candidate => !candidate.IsClosed)
            ?? throw new IOException($"No open connection to {peer} for a pubsub stream.");
        var stream = await connection.OpenStreamAsync(protocols, cancellationToken).ConfigureAwait(false);
        return new PubSubStream(peer, stream.Protocol, stream);
    }

    /// <inheritdoc />
    public bool IsConnected(PeerId peer) => _dialer.IsConnected(peer);

    /// <inheritdoc />
    public Task DialAsync(PeerId peer, IReadOnlyList<Multiaddr> addresses, CancellationToken cancellationToken) =>
        _dialer.DialAsync(peer, addresses, cancellationToken);

    /// <summary>Unsubscribes from the host's events.</summary>
    public void Dispose()
    {
        _host.PeerConnected -= OnPeerConnected;
        _host.PeerDisconnected -= OnPeerDisconnected;
    }

    private static PubSubConnection ToPubSub(Libp2pConnection connection) =>
        new(connection.RemotePeer, connection.Direction == ConnectionDirection.Outbound, connection.RemoteEndPoint.Address);

    private void OnPeerConnected(Libp2pConnection connection) => PeerConnected?.Invoke(ToPubSub(connection));

    private void OnPeerDisconnected(PeerId peer) => PeerDisconnected?.Invoke(peer);
}
