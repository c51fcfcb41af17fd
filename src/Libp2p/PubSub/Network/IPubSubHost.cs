using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Network;

/// <summary>
/// The slice of a libp2p host the pubsub service uses: stream handlers, opening streams by protocol list and
/// connection events. an adapter implements it over the real host; tests may use memory pipes.
/// </summary>
public interface IPubSubHost
{
    /// <summary>The local peer.</summary>
    PeerId LocalPeer { get; }

    /// <summary>Peers with an open connection now.</summary>
    IReadOnlyList<PubSubConnection> Connections { get; }

    /// <summary>Raised when the first connection to a peer opens.</summary>
    event Action<PubSubConnection>? PeerConnected;

    /// <summary>Raised when the last connection to a peer closes.</summary>
    event Action<PeerId>? PeerDisconnected;

    /// <summary>Routes inbound streams negotiated for <paramref name="protocol"/> to <paramref name="handler"/>.</summary>
    void SetStreamHandler(string protocol, Func<PubSubStream, CancellationToken, Task> handler);

    /// <summary>Opens a stream to <paramref name="peer"/>, proposing <paramref name="protocols"/> in order.</summary>
    Task<PubSubStream> OpenStreamAsync(PeerId peer, IReadOnlyList<string> protocols, CancellationToken cancellationToken);

    /// <summary>The peer's verified signed peer record envelope (from identify), or null; a lookup only.</summary>
    byte[]? SignedPeerRecordOf(PeerId peer) => null;
}
