using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>What discovery needs from the host: whether a peer is connected, and a way to dial it.</summary>
public interface IPeerDialer
{
    /// <summary>The local peer (never dialed).</summary>
    PeerId LocalPeer { get; }

    /// <summary>True while at least one connection to <paramref name="peer"/> is open.</summary>
    bool IsConnected(PeerId peer);

    /// <summary>Connects to <paramref name="peer"/> at one of <paramref name="addresses"/>; throws when every address fails.</summary>
    Task DialAsync(PeerId peer, IReadOnlyList<Multiaddr> addresses, CancellationToken cancellationToken);
}
