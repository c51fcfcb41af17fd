using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Network;

/// <summary>
/// What the Bitswap engine needs from the network: the connected peers that speak <c>/ipfs/bitswap/1.2.0</c>, their
/// arrival and departure, delivery of received messages, and sending one message to a peer. The libp2p binding
/// (<see cref="Libp2pBitswapNetwork"/>) implements it over the host; tests may connect engines in memory.
/// </summary>
public interface IBitswapNetwork
{
    /// <summary>This node's peer id.</summary>
    PeerId LocalPeer { get; }

    /// <summary>Peers connected now that speak Bitswap.</summary>
    IReadOnlyCollection<PeerId> ConnectedPeers { get; }

    /// <summary>Raised when a Bitswap peer connects (handlers must be quick and must not throw).</summary>
    event Action<PeerId>? PeerConnected;

    /// <summary>Raised when a Bitswap peer's last connection closes (handlers must be quick and must not throw).</summary>
    event Action<PeerId>? PeerDisconnected;

    /// <summary>Routes every received message to <paramref name="handler"/> (set once, before traffic starts).</summary>
    void SetMessageHandler(BitswapMessageHandler handler);

    /// <summary>
    /// Sends one length-prefixed message to <paramref name="peer"/>; completes once it has been written. Throws
    /// <see cref="IOException"/> when the peer cannot be reached. The caller disposes <paramref name="message"/> afterwards.
    /// </summary>
    Task SendAsync(PeerId peer, EncodedMessage message, CancellationToken cancellationToken);

    /// <summary>Makes sure a connection to <paramref name="peer"/> is open (dialling known addresses); false when it cannot be.</summary>
    Task<bool> ConnectAsync(PeerId peer, CancellationToken cancellationToken);
}
